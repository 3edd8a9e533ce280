/**
 * Certification at 100,000 calls (issue 12): a scratch Postgres database holding the pages bench's data set
 * (tests/bench/pages.ts seededDatabase: seeded once per process, copied for each bench), adds three tracks assigned to every trainee of the
 * largest organisation, links its certification-mode calls to them and issues certifications to a
 * third of the people; then times the manager's dashboard (matrix, most missed checkpoints,
 * progress over time), the person page, the matrix CSV, and streams the whole attempts CSV
 * (throughput and the process's memory while streaming).
 *
 *   npx tsx tests/bench/certification.ts [--attempts 100000] [--runs 40]
 */
import { parseArgs } from "node:util";
import { setDatabaseHandle } from "../../app/db.server";
import { attemptsCsvStream, matrixCsv } from "../../app/certification/export.server";
import {
  assignedTracksOf,
  certificationMatrix,
  certificationsOf,
  dimensionsOf,
  mostMissedCheckpoints,
  progressOverTime,
} from "../../app/progress/certification.server";
import { listTeamCalls } from "../../app/progress/team.server";
import { ms, pct, type Figure } from "./figures";
import { dropSeedTemplates, seededDatabase } from "./pages";

const GOAL_MS = 150;

async function sample<I>(inputs: I[], runs: number, f: (input: I) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await f(inputs[i % inputs.length]!);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f(inputs[i % inputs.length]!);
    out.push(performance.now() - t0);
  }
  return out;
}

export async function benchCertification(options: { attempts?: number; runs?: number; serverUrl?: string } = {}): Promise<Figure[]> {
  const serverUrl = options.serverUrl ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const names = ["`/team` certification dashboard p95", "`/team/people/:id` p95", "matrix CSV p95", "attempts CSV (streamed)"];
  if (!serverUrl) {
    console.log("skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a Postgres server");
    return names.map((what) => ({ what, goal: `< ${GOAL_MS} ms`, measured: "skipped (no Postgres server)", met: null }));
  }
  const runs = options.runs ?? 40;
  // The pages bench's data set: seeded once per process, each bench on its own copy (tests/bench/pages.ts).
  const seeded = await seededDatabase(serverUrl, options.attempts ?? 100_000, "mot_bench_cert");
  try {
    const { sql, demoOrgId, trainees } = seeded;
    setDatabaseHandle(seeded.handle);
    const t0 = performance.now();
    const scenarios = (await sql`select distinct on (scenario_id) scenario_id, id from scenario_versions order by scenario_id, version desc`).map((r) => ({
      scenarioId: r.scenario_id as string,
      versionId: r.id as string,
    }));
    const rules = (scenarios.map((s) => ({ scenarioId: s.scenarioId, versionId: null, passMark: 70, minimums: { empathy: 0, resolution: 0, anticipation: 0 } })));
    const checkpoints = [
      { id: "acknowledge", dimension: "empathy", hit: false, weight: 1, description: "Acknowledge the worry" },
      { id: "offer-plan", dimension: "resolution", hit: true, weight: 1, description: "Offer a plan" },
    ];
    await sql.begin(async (tx) => {
      for (let k = 1; k <= 3; k++) {
        const [track] = await tx`insert into tracks (id, org_id, name, current_version) values (gen_random_uuid()::text, ${demoOrgId}, ${sql.json({ en: `Track ${k}`, fr: `Parcours ${k}` })}, 1) returning id`;
        const [v] = await tx`insert into track_versions (id, track_id, version, name, description, scenarios, attempts_allowed, cooldown_hours, language, hide_coaching, validity_months, recertify_days)
          values (gen_random_uuid()::text, ${track!.id}, 1, ${sql.json({ en: `Track ${k}`, fr: `Parcours ${k}` })}, ${sql.json({ en: "", fr: "" })}, ${sql.json(rules)}, 3, 0, null, true, 12, 30) returning id`;
        await tx`insert into track_assignments (id, org_id, track_id, user_id, due_at, assigned_at)
          select gen_random_uuid()::text, ${demoOrgId}, ${track!.id}, m.user_id, now() + ((hashtext(m.user_id) % 60) * interval '1 day'), now() - interval '2 years'
          from memberships m where m.org_id = ${demoOrgId} and m.role = 'trainee'`;
        await tx`insert into certification_attempts (attempt_id, track_id, track_version_id, user_id, scenario_id, started_at)
          select a.id, ${track!.id}, ${v!.id}, a.user_id, sv.scenario_id, a.started_at
          from attempts a join scenario_versions sv on sv.id = a.scenario_version_id
          where a.org_id = ${demoOrgId} and a.mode = 'certification' and abs(hashtext(a.id)) % 3 = ${k - 1}`;
        await tx`insert into certifications (id, user_id, track_id, org_id, track_version_id, issued_at, expires_at, evidence, evidence_key)
          select gen_random_uuid()::text, m.user_id, ${track!.id}, ${demoOrgId}, ${v!.id}, now() - (abs(hashtext(m.user_id)) % 400) * interval '1 day',
            now() - (abs(hashtext(m.user_id)) % 400) * interval '1 day' + interval '12 months', '[]', m.user_id
          from memberships m where m.org_id = ${demoOrgId} and m.role = 'trainee' and abs(hashtext(m.user_id || ${k})) % 3 = 0`;
      }
    });
    // The seed's checkpoints, as the scoring stores them (id, dimension, hit, description).
    await sql`update scorecards set checkpoints = ${sql.json(checkpoints)} where abs(hashtext(id)) % 2 = 0`;
    await sql`vacuum analyze`;
    console.log(`tracks, assignments, certification links and certifications added in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const matrix = await sample([{}, { status: "overdue" as const }, { role: "trainee" as const }], runs, (f) => certificationMatrix(demoOrgId, f));
    const missed = await sample([0], runs, () => mostMissedCheckpoints(demoOrgId));
    const progress = await sample([0], runs, () => progressOverTime(demoOrgId));
    const dashboard = await sample([0], runs, () =>
      Promise.all([certificationMatrix(demoOrgId), mostMissedCheckpoints(demoOrgId), progressOverTime(demoOrgId)]),
    );
    const person = await sample(trainees, runs, (u) =>
      Promise.all([
        assignedTracksOf(u, demoOrgId),
        certificationsOf(demoOrgId, u),
        dimensionsOf(demoOrgId, u),
        listTeamCalls(demoOrgId, { userId: u, limit: 50 }),
        mostMissedCheckpoints(demoOrgId, { userId: u, limit: 5 }),
        progressOverTime(demoOrgId, { userId: u }),
      ]),
    );
    const matrixCsvMs = await sample([0], Math.min(runs, 20), () => matrixCsv(demoOrgId, {}, "fr"));

    // The whole attempts export of the largest organisation, streamed.
    const heap0 = process.memoryUsage().rss;
    let peak = heap0;
    let bytes = 0;
    let lines = 0;
    const s0 = performance.now();
    const reader = attemptsCsvStream(demoOrgId, {}, "en").getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (const b of value) if (b === 10) lines++;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const streamMs = performance.now() - s0;
    const rows = lines - 1;

    const row = (label: string, xs: number[]) => console.log(`${label.padEnd(46)} p50 ${ms(pct(xs, 50)).padStart(6)} ms  p95 ${ms(pct(xs, 95)).padStart(6)} ms`);
    console.log(`\ncertification read models on Postgres, ${runs} runs each (goal p95 < ${GOAL_MS} ms):`);
    row("matrix (~800 people × 3 tracks, filters)", matrix);
    row("most missed checkpoints (latest 500 calls)", missed);
    row("team progress over 12 weeks", progress);
    row("dashboard (the three in parallel)", dashboard);
    row("person page (six read models in parallel)", person);
    row("matrix CSV", matrixCsvMs);
    console.log(
      `attempts CSV: ${rows} calls, ${(bytes / 1e6).toFixed(1)} MB in ${(streamMs / 1000).toFixed(2)} s ` +
        `(${Math.round(rows / (streamMs / 1000))} calls/s); RSS grew by at most ${((peak - heap0) / 1e6).toFixed(0)} MB while streaming`,
    );
    const fig = (what: string, xs: number[]): Figure => ({
      what,
      goal: `< ${GOAL_MS} ms`,
      measured: `p95 ${ms(pct(xs, 95))} ms, p50 ${ms(pct(xs, 50))} ms`,
      met: pct(xs, 95) < GOAL_MS,
    });
    return [
      fig(names[0]!, dashboard),
      fig(names[1]!, person),
      fig(names[2]!, matrixCsvMs),
      {
        what: names[3]!,
        goal: "streamed, bounded memory",
        measured: `${rows} calls in ${(streamMs / 1000).toFixed(1)} s (${Math.round(rows / (streamMs / 1000))}/s), RSS +${((peak - heap0) / 1e6).toFixed(0)} MB`,
        met: peak - heap0 < 200e6,
      },
    ];
  } finally {
    await seeded.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { attempts: { type: "string" }, runs: { type: "string" } } });
  benchCertification({ attempts: values.attempts ? Number(values.attempts) : undefined, runs: values.runs ? Number(values.runs) : undefined })
    .finally(dropSeedTemplates)
    .then((f) => console.table(f))
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
