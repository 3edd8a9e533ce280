/**
 * Seeding: the demo organisation and its four accounts (one per role), and the
 * global scenario library from scenarios/*.yaml.
 */
import { createHash } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { loadAllScenarios } from "../scenarios/load";
import type { Scenario } from "../scenarios/schema";
import type { Database } from "./client";
import { hashPassword } from "./password";
import { memberships, organizations, scenarios, scenarioVersions, users, type Role } from "./schema";

export const DEMO_PASSWORD = "moment-demo";
export const DEMO_ORG = { name: "Demo Front Desk", slug: "demo" } as const;
export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; name: string; role: Role }> = [
  { email: "trainee@example.com", name: "Tara Trainee", role: "trainee" },
  { email: "trainer@example.com", name: "Théo Trainer", role: "trainer" },
  { email: "manager@example.com", name: "Maya Manager", role: "manager" },
  { email: "admin@example.com", name: "Ada Admin", role: "admin" },
];

/** True when no organisation and no user exist yet. */
export async function isEmptyDatabase(db: Database): Promise<boolean> {
  const [row] = await db
    .select({
      n: sql<number>`(select count(*) from ${users})::int + (select count(*) from ${organizations})::int`,
    })
    .from(sql`(select 1) as one`);
  return (row?.n ?? 0) === 0;
}

/**
 * Create the demo organisation and the four demo accounts (password `moment-demo`).
 * Idempotent: existing rows are left as they are. Returns whether anything was created.
 */
export async function seedDemo(db: Database): Promise<{ created: boolean; orgId: string }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    let created = false;
    let [org] = await tx.select().from(organizations).where(eq(organizations.slug, DEMO_ORG.slug));
    if (!org) {
      [org] = await tx.insert(organizations).values(DEMO_ORG).returning();
      created = true;
    }
    if (!org) throw new Error("seedDemo: could not create the demo organisation");
    for (const account of DEMO_ACCOUNTS) {
      let [user] = await tx.select().from(users).where(eq(users.email, account.email));
      if (!user) {
        [user] = await tx
          .insert(users)
          .values({ email: account.email, name: account.name, passwordHash })
          .returning();
        created = true;
      }
      if (!user) throw new Error(`seedDemo: could not create ${account.email}`);
      await tx
        .insert(memberships)
        .values({ userId: user.id, orgId: org.id, role: account.role })
        .onConflictDoNothing();
    }
    return { created, orgId: org.id };
  });
}

/** Canonical JSON (sorted keys) so that a checksum only changes when the content does. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function definitionChecksum(definition: unknown): string {
  return createHash("sha256").update(canonicalJson(definition)).digest("hex");
}

export interface LibrarySyncResult {
  /** Slugs whose first version was created. */
  added: string[];
  /** Slugs that got a new version because the file changed. */
  updated: string[];
  unchanged: string[];
}

/**
 * Load scenarios/*.yaml and make each one a global, published scenario. A new
 * immutable scenario_versions row is created only when a file's definition changed.
 * Copes with zero files. Throws (naming the file) when a file is invalid.
 */
export async function syncScenarioLibrary(
  db: Database,
  library: Scenario[] = loadAllScenarios(),
): Promise<LibrarySyncResult> {
  const result: LibrarySyncResult = { added: [], updated: [], unchanged: [] };
  for (const definition of library) {
    const checksum = definitionChecksum(definition);
    await db.transaction(async (tx) => {
      let [scenario] = await tx
        .select()
        .from(scenarios)
        .where(and(isNull(scenarios.orgId), eq(scenarios.slug, definition.id)));
      const isNew = !scenario;
      if (!scenario) {
        [scenario] = await tx
          .insert(scenarios)
          .values({ orgId: null, slug: definition.id, status: "published" })
          .returning();
      }
      if (!scenario) throw new Error(`syncScenarioLibrary: could not create ${definition.id}`);
      const [latest] = await tx
        .select()
        .from(scenarioVersions)
        .where(eq(scenarioVersions.scenarioId, scenario.id))
        .orderBy(desc(scenarioVersions.version))
        .limit(1);
      if (latest && latest.checksum === checksum) {
        result.unchanged.push(definition.id);
        return;
      }
      await tx.insert(scenarioVersions).values({
        scenarioId: scenario.id,
        version: (latest?.version ?? 0) + 1,
        definition,
        checksum,
        publishedAt: new Date(),
      });
      await tx
        .update(scenarios)
        .set({ status: "published", updatedAt: new Date() })
        .where(eq(scenarios.id, scenario.id));
      (isNew ? result.added : result.updated).push(definition.id);
    });
  }
  return result;
}
