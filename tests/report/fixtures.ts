/**
 * Past calls for the report tests: played for real through machines/session.ts and
 * app/engine/call-runner.ts (scripted customer, offline understanding), scored with
 * app/scoring scoreCall (heuristic judge), and stored the way the web app stores them
 * (app/calls: snapshot in attempts.machine_snapshot, turns from seq 0 with the customer's
 * opening, scorecard n = 1 with passMark and the judge's fallback in `feedback`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { hashPassword } from "../../db/password";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo, syncScenarioLibrary } from "../../db/seed";
import {
  attempts,
  memberships,
  organizations,
  scenarios,
  scenarioVersions,
  turns,
  users,
  type Role,
} from "../../db/schema";
import { answerCall, endCall, missCall, ringPolicy, startCall } from "../../machines/session";
import type { Scorecard } from "../../machines/scorecard";
import type { Locale, Move, Step } from "../../machines/types";
import { ScenarioSchema, type Scenario } from "../../scenarios/schema";
import { collect, renderStep, runTurn } from "../../app/engine/call-runner";
import { createOfflineUnderstander } from "../../app/engine/offline-understander";
import { createScriptedEngine } from "../../app/engine/scripted";
import type { HistoryTurn } from "../../app/engine/types";
import { scoreCall } from "../../app/scoring/index";
import { scorecardRow } from "../../app/calls/scorecard-row";
import { issueScorecard } from "../../app/progress/scorecards.server";
import { ROOT } from "../helpers/server";

export function playLines(slug: string, locale: Locale, style: "thoughtful" | "curt"): string[] {
  return readFileSync(join(ROOT, "tests", "fixtures", "play", `${slug}.${locale}.${style}.txt`), "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

export async function latestVersion(db: Database, slug: string): Promise<{ id: string; scenario: Scenario }> {
  const [row] = await db
    .select({ id: scenarioVersions.id, definition: scenarioVersions.definition })
    .from(scenarioVersions)
    .innerJoin(scenarios, eq(scenarios.id, scenarioVersions.scenarioId))
    .where(and(eq(scenarios.slug, slug), isNull(scenarios.orgId)))
    .orderBy(desc(scenarioVersions.version))
    .limit(1);
  if (!row) throw new Error(`no version of ${slug} in the library`);
  return { id: row.id, scenario: ScenarioSchema.parse(row.definition) };
}

export interface StoredCall {
  attemptId: string;
  card: Scorecard;
  turnTexts: Array<{ seq: number; speaker: "customer" | "trainee"; text: string }>;
}

/** Play `lines` to the end of the call and store attempt, turns and scorecard. */
export async function playAndStore(
  db: Database,
  input: {
    userId: string;
    orgId: string;
    slug: string;
    locale: Locale;
    lines: string[];
    startedAt?: Date;
    missed?: boolean;
  },
): Promise<StoredCall> {
  const { id: versionId, scenario } = await latestVersion(db, input.slug);
  const engine = createScriptedEngine();
  const understander = createOfflineUnderstander();
  const stored: Array<{ speaker: "customer" | "trainee"; text: string; moves?: Move[]; topics?: string[] }> =
    [];
  const history = (): HistoryTurn[] => stored.map((t) => ({ speaker: t.speaker, text: t.text }));

  let step: Step = startCall(scenario);
  if (scenario.channel === "phone") {
    step = input.missed
      ? missCall(scenario, step.persisted)
      : answerCall(scenario, step.persisted, Math.min(1, ringPolicy(scenario).maxRings));
  }
  const opening = renderStep(engine, { scenario, locale: input.locale, step, history: [] });
  if (opening && step.view.status === "conversation")
    stored.push({ speaker: "customer", text: await collect(opening) });
  for (const line of input.lines) {
    if (step.view.status !== "conversation") break;
    const r = await runTurn({
      scenario,
      locale: input.locale,
      persisted: step.persisted,
      history: history(),
      text: line,
      understander,
      engine,
    });
    stored.push({
      speaker: "trainee",
      text: r.text,
      moves: r.understanding.moves,
      topics: r.understanding.topics,
    });
    step = r.step;
    if (r.render) stored.push({ speaker: "customer", text: await collect(r.render) });
  }
  if (step.view.status !== "ended") step = endCall(scenario, step.persisted);
  const card = await scoreCall(
    { scenario, locale: input.locale, turns: stored.map((t) => ({ ...t })), view: step.view },
    { judge: "heuristic" },
  );

  const startedAt = input.startedAt ?? new Date();
  const [attempt] = await db
    .insert(attempts)
    .values({
      userId: input.userId,
      orgId: input.orgId,
      scenarioVersionId: versionId,
      locale: input.locale,
      engine: "scripted",
      status: "ended",
      machineSnapshot: step.persisted.snapshot,
      machineVersion: step.persisted.machineVersion,
      startedAt,
      answeredAfterRings: step.view.answeredAfterRings,
      outcome: step.view.outcome ?? "unresolved",
      endedAt: new Date(startedAt.getTime() + 120_000),
    })
    .returning();
  if (!attempt) throw new Error("could not store the attempt");
  const turnTexts = stored.map((t, seq) => ({ seq, speaker: t.speaker, text: t.text }));
  if (stored.length > 0)
    await db.insert(turns).values(
      stored.map((t, seq) => ({
        attemptId: attempt.id,
        seq,
        speaker: t.speaker,
        text: t.text,
        moves: t.moves ?? [],
        topics: t.topics ?? [],
        engine: t.speaker === "customer" ? "scripted" : "offline",
      })),
    );
  await issueScorecard(db, scorecardRow(attempt.id, 1, card));
  return { attemptId: attempt.id, card, turnTexts };
}

/** A live attempt with only the customer's opening line (a call still in progress). */
export async function storeLiveCall(
  db: Database,
  input: { userId: string; orgId: string; slug: string; locale: Locale },
) {
  const { id: versionId, scenario } = await latestVersion(db, input.slug);
  let step = startCall(scenario);
  if (scenario.channel === "phone") step = answerCall(scenario, step.persisted, 1);
  const [attempt] = await db
    .insert(attempts)
    .values({
      userId: input.userId,
      orgId: input.orgId,
      scenarioVersionId: versionId,
      locale: input.locale,
      engine: "scripted",
      status: "live",
      machineSnapshot: step.persisted.snapshot,
      machineVersion: step.persisted.machineVersion,
    })
    .returning();
  if (!attempt) throw new Error("could not store the attempt");
  return attempt.id;
}

export interface World {
  demoOrgId: string;
  otherOrgId: string;
  /** user ids by a short name */
  users: Record<
    "trainee" | "trainer" | "manager" | "admin" | "trainee2" | "otherTrainee" | "otherManager",
    string
  >;
  emails: Record<World["users"] extends Record<infer K, string> ? K : never, string>;
}

async function addUser(
  db: Database,
  orgId: string,
  email: string,
  name: string,
  role: Role,
): Promise<string> {
  const [user] = await db
    .insert(users)
    .values({ email, name, passwordHash: await hashPassword(DEMO_PASSWORD) })
    .returning();
  if (!user) throw new Error(`could not create ${email}`);
  await db.insert(memberships).values({ userId: user.id, orgId, role });
  return user.id;
}

/** The demo organisation (seeded) plus a second trainee, and another organisation with a trainee and a manager. */
export async function createWorld(db: Database): Promise<World> {
  const { orgId: demoOrgId } = await seedDemo(db);
  await syncScenarioLibrary(db);
  const [other] = await db
    .insert(organizations)
    .values({ name: "Other Clinic", slug: "other-clinic" })
    .returning();
  if (!other) throw new Error("could not create the other organisation");
  const demoIds: Record<string, string> = {};
  for (const a of DEMO_ACCOUNTS) {
    const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, a.email));
    demoIds[a.role] = u!.id;
  }
  const emails = {
    trainee: "trainee@example.com",
    trainer: "trainer@example.com",
    manager: "manager@example.com",
    admin: "admin@example.com",
    trainee2: "second.trainee@example.com",
    otherTrainee: "trainee@other.example.com",
    otherManager: "manager@other.example.com",
  };
  return {
    demoOrgId,
    otherOrgId: other.id,
    users: {
      trainee: demoIds.trainee!,
      trainer: demoIds.trainer!,
      manager: demoIds.manager!,
      admin: demoIds.admin!,
      trainee2: await addUser(db, demoOrgId, emails.trainee2, "Sam Second", "trainee"),
      otherTrainee: await addUser(db, other.id, emails.otherTrainee, "Olga Other", "trainee"),
      otherManager: await addUser(db, other.id, emails.otherManager, "Omar Other", "manager"),
    },
    emails,
  };
}
