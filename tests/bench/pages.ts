/**
 * The manager's and the trainee's pages at 100,000 calls (issue 11): seeds the data set into a
 * scratch Postgres database (created here, dropped at the end) with bulk SQL, then times the
 * read models the loaders call — /team (loadTeamPage), /train/history (listHistory), /train
 * (catalogOf) — and issuing a scorecard with its maintained statistics. Prints p50/p95 against
 * the goal, the same queries as they were before (in the same run, for the ratio), and the sizes
 * that matter (the attempts heap with its inline machine snapshot).
 *
 * Needs BENCH_DATABASE_URL or TEST_DATABASE_URL (a server where we may create a database).
 *
 *   npx tsx tests/bench/pages.ts [--attempts 100000] [--runs 60]
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { createDatabase, migrate, migrationsFolder, type DatabaseHandle } from "../../db/client";
import { seedDemo, syncScenarioLibrary } from "../../db/seed";
import { loadAllScenarios } from "../../scenarios/load";
import { answerCall, startCall } from "../../machines/session";
import { setDatabaseHandle } from "../../app/db.server";
import { catalogOf } from "../../app/progress/catalog.server";
import { listHistory } from "../../app/progress/history.server";
import { issueScorecard } from "../../app/progress/scorecards.server";
import { loadTeamPage } from "../../app/progress/team.server";
import { createServerDatabase } from "../helpers/db";
import { ms, pct, type Figure } from "./figures";

const GOAL_MS = 150;

export interface PagesOptions {
  attempts?: number;
  runs?: number;
  serverUrl?: string;
}

function log(s: string) {
  console.log(s);
}

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await f();
  return [performance.now() - t0, out];
}

/** Runs f `runs` times (after 5 unmeasured), each with the next input; returns the durations (ms). */
async function sample<I>(inputs: I[], runs: number, f: (input: I) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 5; i++) await f(inputs[i % inputs.length]!);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push((await timed(() => f(inputs[i % inputs.length]!)))[0]);
  return out;
}

const FIRST = ["Ada", "Bruno", "Chloé", "David", "Émilie", "Farah", "Gabriel", "Hélène", "Ivan", "Julie", "Karim", "Léa", "Marc", "Nadia", "Olivier", "Priya", "Quentin", "Rosa", "Samir", "Tessa"];
const LAST = ["Martin", "Bernard", "Tremblay", "Roy", "Gagnon", "Côté", "Nguyen", "Smith", "Okafor", "Lefebvre", "Moreau", "Girard", "Dubois", "Khan", "Silva", "Bouchard", "Morin", "Pelletier", "Lavoie", "Fortin"];
const LINES = [
  "Hello, thank you for calling, how can I help you today?",
  "I am really sorry to hear that, let me check what happened with your order.",
  "Could you give me your account number so I can look into it?",
  "I understand, that must be frustrating. I will make sure it is sorted out today.",
  "I can offer you a refund or a replacement, whichever you prefer.",
  "Is there anything else I can do for you? Thank you for your patience.",
];

/** Seed the data set; returns who to measure. Bulk SQL only (generate_series), FK triggers off while loading. */
export async function seed(handle: DatabaseHandle, url: string, attemptsTotal: number) {
  const db = handle.db;
  await migrate(db);
  const { orgId: demoOrgId } = await seedDemo(db);
  await syncScenarioLibrary(db);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const versions = (await sql`select distinct on (scenario_id) id from scenario_versions order by scenario_id, version desc`).map((r) => r.id as string);
    const scenario = loadAllScenarios()[0]!;
    const base = answerCall(scenario, startCall(scenario).persisted, 1).persisted.snapshot as Record<string, unknown>;
    // A snapshot as large as a finished call's (~1.3 KB), stored inline in every attempt.
    const snapshot = JSON.stringify({ ...base, bench: { padding: "x".repeat(Math.max(0, 1300 - JSON.stringify(base).length)) } });
    const orgs = [{ id: demoOrgId, people: 800, share: 0.7 }];
    for (let i = 2; i <= 4; i++) {
      const [o] = await sql`insert into organizations (id, name, slug) values (gen_random_uuid()::text, ${`Bench Clinic ${i}`}, ${`bench-${i}`}) returning id`;
      orgs.push({ id: o!.id as string, people: 100, share: 0.1 });
    }
    const t0 = performance.now();
    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      for (const [k, o] of orgs.entries()) {
        await tx`
          with u as (
            insert into users (id, email, name)
            select gen_random_uuid()::text, 'person' || g || '@org' || ${k} || '.bench.example.com',
              (${FIRST}::text[])[1 + g % 20] || ' ' || (${LAST}::text[])[1 + (g / 20) % 20] || ' ' || g
            from generate_series(1, ${o.people}) g
            returning id, email
          )
          insert into memberships (user_id, org_id, role)
          select u.id, ${o.id}, case when (hashtext(u.id) & 63) = 0 then 'manager' when (hashtext(u.id) & 31) = 1 then 'trainer' else 'trainee' end
          from u`;
      }
      await tx`create temporary table bench_people as
        select m.org_id, m.user_id, (row_number() over (partition by m.org_id order by m.user_id) - 1)::int as i
        from memberships m`;
      await tx`create index on bench_people (org_id, i)`;
      for (const o of orgs) {
        const n = Math.round(attemptsTotal * o.share);
        const people = o.people + (o.id === demoOrgId ? 4 : 0);
        await tx`
          insert into attempts (id, user_id, org_id, scenario_version_id, locale, mode, engine, status, machine_snapshot,
            machine_version, started_at, answered_after_ms, answered_after_rings, outcome, ended_at)
          select gen_random_uuid()::text, p.user_id, ${o.id}, (${versions}::text[])[1 + g % ${versions.length}],
            case when g % 4 = 0 then 'fr' else 'en' end, case when g % 10 = 0 then 'certification' else 'practice' end,
            'scripted', 'ended', ${snapshot}::jsonb, 1, t.at, 4000, 2,
            (array['resolved','unresolved','customer_left','not_answered'])[1 + g % 4], t.at + interval '3 minutes'
          from generate_series(1, ${n}) g
          join bench_people p on p.org_id = ${o.id} and p.i = g % ${people}
          cross join lateral (select now() - ((g * 311) % 31536000) * interval '1 second' - (g % 997) * interval '1 millisecond' as at) t`;
      }
      const turnIdx = await tx`select indexdef, indexname from pg_indexes where tablename in ('turns', 'scorecards') and indexname not like '%pkey'`;
      for (const i of turnIdx) await tx.unsafe(`drop index "${i.indexname as string}"`);
      await tx`
        insert into turns (id, attempt_id, seq, speaker, text, moves, topics, engine, created_at)
        select gen_random_uuid()::text, a.id, s, case when s % 2 = 0 then 'customer' else 'trainee' end,
          (${LINES}::text[])[1 + s % ${LINES.length}], '[]', '[]', 'scripted', a.started_at + s * interval '10 seconds'
        from attempts a cross join lateral generate_series(0, 4 + abs(hashtext(a.id)) % 11) s`;
      const checkpoints = JSON.stringify(
        Array.from({ length: 6 }, (_, i) => ({ id: `checkpoint-${i}`, dimension: ["empathy", "resolution", "anticipation"][i % 3], met: i % 2 === 0, points: 10, evidence: [i * 2 + 1] })),
      );
      await tx`
        insert into scorecards (id, attempt_id, n, judge, empathy, resolution, anticipation, overall, passed, checkpoints, penalties, feedback, created_at)
        select gen_random_uuid()::text, a.id, k.n, 'heuristic', e, r, an, o, o >= 70, ${checkpoints}::jsonb, '[]', '{"passMark":70}', a.ended_at + k.n * interval '1 minute'
        from attempts a
        cross join lateral (select abs(hashtext(a.id)) as h) h
        cross join lateral (select n from generate_series(1, case when h.h % 17 = 0 then 2 else 1 end) n) k
        cross join lateral (select (h.h + k.n * 7) % 101 as e, (h.h / 101 + k.n) % 101 as r, (h.h / 10201) % 101 as an) d
        cross join lateral (select (e * 35 + r * 40 + an * 25) / 100 as o) ov
        where h.h % 20 <> 0`;
      for (const i of turnIdx) await tx.unsafe(i.indexdef as string);
    });
    const loaded = performance.now() - t0;
    // The statistics of the scored calls, by the migration's own backfill statement.
    const migration = readFileSync(resolve(migrationsFolder(), "0003_progress-stats-outcome-check.sql"), "utf8");
    const backfill = migration.slice(migration.indexOf('INSERT INTO "progress_stats"'));
    const [backfillMs] = await timed(() => sql.unsafe(backfill));
    const [vacuumMs] = await timed(() => sql`vacuum analyze`);
    const [counts] = await sql`select (select count(*) from attempts)::int as attempts, (select count(*) from turns)::int as turns,
      (select count(*) from scorecards)::int as scorecards, (select count(*) from organizations)::int as orgs,
      (select count(*) from memberships where org_id = ${demoOrgId})::int as demo_people,
      pg_size_pretty(pg_table_size('attempts')) as attempts_size, pg_size_pretty(pg_table_size('turns')) as turns_size,
      (select avg(pg_column_size(machine_snapshot))::int from (select machine_snapshot from attempts limit 1000) s) as snapshot_bytes`;
    log(
      `seeded ${counts!.attempts} attempts, ${counts!.turns} turns, ${counts!.scorecards} scorecards in ${counts!.orgs} organisations ` +
        `(${counts!.demo_people} people in the largest) in ${(loaded / 1000).toFixed(1)} s; statistics backfilled in ${ms(backfillMs)} ms; vacuum analyze ${(vacuumMs / 1000).toFixed(1)} s`,
    );
    log(`attempts table ${counts!.attempts_size} (machine snapshot ${counts!.snapshot_bytes} B per row, stored inline), turns ${counts!.turns_size}`);
    const trainees = (
      await sql`select user_id from memberships where org_id = ${demoOrgId} and role = 'trainee' order by user_id limit 40`
    ).map((r) => r.user_id as string);
    return { demoOrgId, trainees, sql };
  } catch (error) {
    await sql.end({ timeout: 5 });
    throw error;
  }
}

/** What a seeded copy of the data set gives a bench. */
export interface SeededDatabase {
  handle: DatabaseHandle;
  sql: postgres.Sql;
  demoOrgId: string;
  trainees: string[];
  /** Closes the connections and drops the copy. */
  close(): Promise<void>;
}

/** The data set seeded once per process and server (a template database), with who to measure. */
const templates = new Map<string, Promise<{ name: string; demoOrgId: string; trainees: string[] }>>();

/**
 * A scratch database holding the 100k data set, for one bench (pages, certification). The set is seeded
 * once per process into a template database (`seed`, then its connections closed); each bench gets its own
 * copy (`create database … template … strategy file_copy`: the files as they are, table statistics and
 * visibility included), as it had its own seeded database before — the certification bench no longer
 * seeds the same set a second time. `dropSeedTemplates()` drops the template at the end.
 */
export async function seededDatabase(serverUrl: string, attemptsTotal: number, prefix: string): Promise<SeededDatabase> {
  const key = `${serverUrl}#${attemptsTotal}`;
  let template = templates.get(key);
  if (!template) {
    template = (async () => {
      const { name, url } = await createServerDatabase(serverUrl);
      const handle = createDatabase({ databaseUrl: url, max: 10 });
      try {
        const seeded = await seed(handle, url, attemptsTotal);
        await seeded.sql.end({ timeout: 5 });
        return { name, demoOrgId: seeded.demoOrgId, trainees: seeded.trainees };
      } finally {
        await handle.close();
      }
    })();
    templates.set(key, template);
  }
  const { name: templateName, demoOrgId, trainees } = await template;
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const t0 = performance.now();
  await admin.unsafe(`create database "${name}" template "${templateName}" strategy file_copy`);
  log(`copied the seeded data set into a scratch database in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = createDatabase({ databaseUrl: url.toString(), max: 10 });
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  return {
    handle,
    sql,
    demoOrgId,
    trainees,
    close: async () => {
      await sql.end({ timeout: 5 });
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** Drop the template databases `seededDatabase` seeded (end of the benches). */
export async function dropSeedTemplates(): Promise<void> {
  for (const [key, template] of templates) {
    templates.delete(key);
    const serverUrl = key.slice(0, key.lastIndexOf("#"));
    const { name } = await template.catch(() => ({ name: undefined }));
    if (!name) continue;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await admin.end({ timeout: 5 });
    }
  }
}

/** The queries as they were before issue 11 (for the ratio; a few runs only: they are slow). */
async function before(sql: postgres.Sql, orgId: string, userId: string) {
  const team = async () =>
    Promise.all([
      sql`select a.id, u.name, c.overall from attempts a join users u on u.id = a.user_id
        left join (select distinct on (s.attempt_id) s.attempt_id, s.overall, s.passed from scorecards s join attempts x on x.id = s.attempt_id
          where x.org_id = ${orgId} order by s.attempt_id, s.n desc) c on c.attempt_id = a.id
        where a.org_id = ${orgId} order by a.started_at desc, a.id desc limit 50`,
      sql`select a.user_id, count(a.id), max(c.overall) from attempts a
        left join (select distinct on (s.attempt_id) s.attempt_id, s.overall from scorecards s join attempts x on x.id = s.attempt_id
          where x.org_id = ${orgId} order by s.attempt_id, s.n desc) c on c.attempt_id = a.id
        where a.org_id = ${orgId} group by a.user_id`,
      sql`select u.id, u.name from memberships m join users u on u.id = m.user_id where m.org_id = ${orgId} order by u.name`,
    ]);
  const history = () =>
    sql`select a.id, c.overall from attempts a
      left join (select distinct on (attempt_id) attempt_id, overall from scorecards order by attempt_id, n desc) c on c.attempt_id = a.id
      where a.user_id = ${userId} and a.org_id = ${orgId} order by a.started_at desc, a.id desc limit 200`;
  const t = await sample([0], 3, team);
  const h = await sample([0], 3, history);
  return { team: pct(t, 50), history: pct(h, 50) };
}

export async function benchPages(options: PagesOptions = {}): Promise<Figure[]> {
  const serverUrl = options.serverUrl ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const pages = ["`/team` (manager) p95", "`/train/history` p95", "`/train` p95"];
  if (!serverUrl) {
    log("skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a Postgres server to seed the 100k-attempt data set");
    return pages.map((what) => ({ what, goal: `< ${GOAL_MS} ms`, measured: "skipped (no Postgres server)", met: null }));
  }
  const attemptsTotal = options.attempts ?? 100_000;
  const runs = options.runs ?? 40;
  const seeded = await seededDatabase(serverUrl, attemptsTotal, "mot_bench");
  try {
    const { handle, sql, demoOrgId, trainees } = seeded;
    setDatabaseHandle(handle);

    const team = await sample([{}], runs, () => loadTeamPage(demoOrgId, {}));
    const first = await loadTeamPage(demoOrgId, {});
    const older = await sample([first.calls.next!], runs, (c) => loadTeamPage(demoOrgId, { before: c }));
    const search = await sample(["mar", "Nguyen", "person12", "zz-nobody"], runs, (q) => loadTeamPage(demoOrgId, { q }));
    const deepPeople = await sample([16], runs, (page) => loadTeamPage(demoOrgId, { page }));
    const history = await sample(trainees, runs, (u) => listHistory(u, demoOrgId));
    const catalog = await sample(trainees, runs, (u) => catalogOf(u, demoOrgId));
    // Issuing a scorecard (a rescore: n + 1) with its statistics, in one transaction.
    const targets = (
      await sql`select a.id, (select max(n) from scorecards s where s.attempt_id = a.id) as n from attempts a
        where a.org_id = ${demoOrgId} and exists (select 1 from scorecards s where s.attempt_id = a.id) order by a.id limit ${runs + 5}`
    ).map((r) => ({ id: r.id as string, n: Number(r.n) }));
    const issue = await sample(targets, runs, (t) =>
      handle.db.transaction((tx) =>
        issueScorecard(tx, {
          attemptId: t.id, n: t.n + 1, judge: "heuristic", empathy: 50, resolution: 60, anticipation: 40, overall: 52, passed: false,
          checkpoints: [], penalties: [], feedback: { passMark: 70 },
        }),
      ),
    );
    const old = await before(sql, demoOrgId, trainees[0]!);

    const row = (label: string, xs: number[], note = "") =>
      log(`${label.padEnd(44)} p50 ${ms(pct(xs, 50)).padStart(6)} ms  p95 ${ms(pct(xs, 95)).padStart(6)} ms  ${note}`);
    log(`\nread models on Postgres, ${runs} runs each (goal p95 < ${GOAL_MS} ms):`);
    row("/team: first page (people + calls)", team, `before: ${ms(old.team)} ms (p50 of 3)`);
    row("/team: older calls (keyset cursor)", older);
    row("/team: search (people and their calls)", search);
    row("/team: people page 16 (offset)", deepPeople);
    row("/train/history: 200 newest calls", history, `before: ${ms(old.history)} ms (p50 of 3)`);
    row("/train: catalog with the trainee's figures", catalog);
    row("scorecard issued + statistics (transaction)", issue);
    const fig = (what: string, xs: number[], extra = ""): Figure => ({
      what,
      goal: `< ${GOAL_MS} ms`,
      measured: `p95 ${ms(pct(xs, 95))} ms, p50 ${ms(pct(xs, 50))} ms${extra}`,
      met: pct(xs, 95) < GOAL_MS,
    });
    const worstTeam = [...team, ...older, ...search, ...deepPeople];
    return [
      fig(pages[0]!, worstTeam, ` (first page p95 ${ms(pct(team, 95))}; before ${ms(old.team)} p50)`),
      fig(pages[1]!, history, ` (before ${ms(old.history)} p50)`),
      fig(pages[2]!, catalog),
    ];
  } finally {
    await seeded.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { attempts: { type: "string" }, runs: { type: "string" } } });
  benchPages({
    attempts: values.attempts ? Number(values.attempts) : undefined,
    runs: values.runs ? Number(values.runs) : undefined,
  })
    .finally(dropSeedTemplates)
    .then((figures) => {
      for (const f of figures) log(`${f.what}: ${f.measured} (goal ${f.goal})`);
      process.exit(0);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
