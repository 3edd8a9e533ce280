/**
 * Where a scripted no-JS turn's server CPU goes (issue 11, decisions 116, 160, 190): the built
 * server runs with the environment of tests/bench/turns.ts (under `node --cpu-prof` unless
 * `--no-profile`), one trainee plays `--warmup` lost-cap calls, then `--calls` measured ones without
 * JavaScript. Only the profile's samples taken while a POST (or the page it redirects to) was in
 * flight are counted: the client marks each request's window with the monotonic clock, which V8's
 * profile shares on Linux. Samples are weighted by the time to the next one (wall time while
 * running: on a loaded machine, read ratios, not absolutes).
 *
 *   npx tsx tests/bench/turn-profile.ts [--db pglite|postgres] [--warmup 1] [--calls 4] [--top 40]
 *       [--no-profile] [--node-args "--v8-pool-size=1"] [--keep DIR] [--callers "fnName pkg"] [--perf out.data]
 *
 * Prints the server's CPU per POST and per page (from /proc, all threads; per POST also from schedstat,
 * in ns, main thread apart; the call's last POST, which scores it, apart), the CPU of each thread
 * (V8's compiler and GC threads are not in the JavaScript profile), the CPU of each call (how the
 * JIT warms up), then self time by package and by function and inclusive time during the POSTs and
 * during the pages. `--callers` prints the stacks under a function's self time; `--perf` records the
 * measured calls with `perf record -g` (native frames: compiler threads, WebAssembly tier-up).
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildIfNeeded } from "../../app/server/build.mjs";
import { playLines } from "../report/fixtures";
import { get, login, postForm } from "../helpers/http";
import { cpuMs, prepare, startCall, startServer, stop, type Kind } from "./turns";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "pglite" },
    calls: { type: "string", default: "4" },
    warmup: { type: "string", default: "1" },
    top: { type: "string", default: "40" },
    keep: { type: "string" },
    "no-profile": { type: "boolean", default: false },
    "node-args": { type: "string", default: "" },
    perf: { type: "string" },
    callers: { type: "string" },
  },
});
const kind: Kind = values.db === "postgres" ? "postgres" : "pglite";
const LINES = playLines("lost-cap", "en", "thoughtful");
const now = () => Number(process.hrtime.bigint() / 1000n); // µs, CLOCK_MONOTONIC like V8's profile

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

async function main() {
  await buildIfNeeded(process.cwd(), () => {});
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (kind === "postgres" && !serverUrl) throw new Error("--db postgres needs TEST_DATABASE_URL");
  const dir = values.keep ?? mkdtempSync(join(tmpdir(), "mot-turn-profile-"));
  const db = await prepare(kind, 1, serverUrl);
  const server = await startServer(
    db.env,
    values["no-profile"]
      ? values["node-args"].split(" ").filter(Boolean)
      : [
          ...values["node-args"].split(" ").filter(Boolean),
          "--cpu-prof",
          `--cpu-prof-dir=${dir}`,
          "--cpu-prof-interval=250",
        ],
  );
  const windows: Array<{ kind: "post" | "page" | "end"; from: number; to: number }> = [];
  const threads = () => {
    const out = new Map<string, number>();
    for (const tid of readdirSync(`/proc/${server.pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${server.pid}/task/${tid}/stat`, "utf8");
        const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const key = `${comm} ${tid === String(server.pid) ? "(main)" : tid}`;
        out.set(key, (out.get(key) ?? 0) + (Number(f[11]) + Number(f[12])) * 10);
      } catch {
        // the thread ended between the listing and the read
      }
    }
    return out;
  };
  let perfProc: ReturnType<typeof spawn> | null = null;
  let threads0: Map<string, number> | null = null;
  let threads1: Map<string, number> | null = null;
  let postCpu = 0;
  let pageCpu = 0;
  // The same windows from /proc/<pid>/task/*/schedstat (run time in ns, not 10 ms ticks: decision 225),
  // the main thread apart from V8's compiler and GC threads, whose work comes and goes with the JIT.
  const sched = () => {
    let main = 0;
    let all = 0;
    for (const tid of readdirSync(`/proc/${server.pid}/task`)) {
      try {
        const ns = Number(readFileSync(`/proc/${server.pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
        all += ns;
        if (tid === String(server.pid)) main += ns;
      } catch {
        // the thread ended between the listing and the read
      }
    }
    return { main, all };
  };
  const postSched = { main: 0, all: 0 };
  // The call's last POST, which ends and scores it (the judge, the scorecard, the statistics), apart (decision 245).
  const endSched = { main: 0, all: 0, n: 0 };
  let n = 0;
  try {
    const cookie = await login(server.base, "trainee@example.com");
    const sumThreads = (m: Map<string, number>) => {
      let main = 0;
      let bg = 0;
      for (const [k, v] of m)
        if (k.includes("(main)")) main += v;
        else bg += v;
      return { main, bg };
    };
    let last = sumThreads(threads());
    let lastTurns = 0;
    const warmup = Number(values.warmup);
    for (let call = 0; call < Number(values.calls) + warmup; call++) {
      const measured = call >= warmup; // the first calls warm up
      {
        const now = sumThreads(threads());
        if (call > 0)
          console.log(
            `  call ${call - 1}: main ${now.main - last.main} ms, other threads ${now.bg - last.bg} ms (${n - lastTurns} measured turns so far this call)`,
          );
        last = now;
        lastTurns = n;
      }
      if (call === warmup) threads0 = threads();
      if (call === warmup && values.perf) {
        perfProc = spawn("perf", ["record", "-g", "-F", "999", "-p", String(server.pid), "-o", values.perf], {
          stdio: "ignore",
        });
        await new Promise((r) => setTimeout(r, 1000));
      }
      const id = await startCall(server.base, cookie);
      await (await get(`${server.base}/calls/${id}`, { cookie })).text();
      for (const text of LINES) {
        const s0 = sched();
        const c0 = cpuMs(server.pid);
        const t0 = now();
        const res = await postForm(
          `${server.base}/calls/${id}`,
          { intent: "say", text, clientToken: randomUUID() },
          { cookie },
        );
        await res.text();
        const t1 = now();
        const c1 = cpuMs(server.pid);
        const s1 = sched();
        const location = res.headers.get("location") ?? "";
        if (location.endsWith("/report")) {
          // the last turn (scoring) is not a turn's cost: counted apart
          if (measured) {
            windows.push({ kind: "end", from: t0, to: t1 });
            endSched.main += s1.main - s0.main;
            endSched.all += s1.all - s0.all;
            endSched.n++;
          }
          break;
        }
        await (await get(`${server.base}${location}`, { cookie })).text();
        const t2 = now();
        const c2 = cpuMs(server.pid);
        if (measured) {
          windows.push({ kind: "post", from: t0, to: t1 }, { kind: "page", from: t1, to: t2 });
          postCpu += c1 - c0;
          pageCpu += c2 - c1;
          postSched.main += s1.main - s0.main;
          postSched.all += s1.all - s0.all;
          n++;
        }
      }
    }
    threads1 = threads();
    if (perfProc) {
      const done = new Promise((r) => perfProc!.once("exit", r));
      perfProc.kill("SIGINT");
      await done;
    }
  } finally {
    await stop(server.child);
    await db.cleanup();
  }
  console.log(
    `${kind}: ${n} turns, server CPU ${(postCpu / n).toFixed(1)} ms per POST, ${(pageCpu / n).toFixed(1)} ms per page (/proc, 10 ms ticks)`,
  );
  console.log(
    `  per POST from schedstat: main thread ${(postSched.main / n / 1e6).toFixed(2)} ms, all threads ${(postSched.all / n / 1e6).toFixed(2)} ms`,
  );
  if (endSched.n > 0)
    console.log(
      `  the ending POST (scores the call; ${endSched.n} calls) from schedstat: main thread ${(endSched.main / endSched.n / 1e6).toFixed(2)} ms, all threads ${(endSched.all / endSched.n / 1e6).toFixed(2)} ms`,
    );
  for (const [k, v] of threads1!) {
    const d = v - (threads0!.get(k) ?? 0);
    if (d > 0) console.log(`  thread ${k}: ${(d / n).toFixed(1)} ms per turn (POST + page)`);
  }
  if (values["no-profile"]) return;
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no profile written in ${dir}`);
  const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as Profile;
  summarise(
    profile,
    windows.filter((w) => w.kind === "post"),
    n,
    "POST",
  );
  summarise(
    profile,
    windows.filter((w) => w.kind === "page"),
    n,
    "page after the redirect",
  );
  if (endSched.n > 0)
    summarise(
      profile,
      windows.filter((w) => w.kind === "end"),
      endSched.n,
      "the ending POST (per call)",
    );
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`profile kept in ${join(dir, file)}`);
}

function packageOf(url: string): string {
  if (!url) return "(native/V8)";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  if (url.includes("/build/server/")) return "app (server bundle)";
  if (url.includes("/build/")) return "app (remix build)";
  return url
    .replace(/^file:\/\//, "")
    .split("/")
    .slice(-2)
    .join("/");
}

function summarise(
  profile: Profile,
  windows: Array<{ from: number; to: number }>,
  turns: number,
  what: string,
) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const self = new Map<number, number>();
  let t = profile.startTime;
  let total = 0;
  let w = 0;
  const sorted = [...windows].sort((a, b) => a.from - b.from);
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i]!;
    t += dt;
    while (w < sorted.length && sorted[w]!.to < t) w++;
    const win = sorted[w];
    if (!win || t < win.from) continue;
    const next = profile.timeDeltas[i + 1] ?? dt; // a sample stands for the interval up to the next one
    const id = profile.samples[i]!;
    const name = byId.get(id)!.callFrame.functionName;
    if (name === "(idle)") continue;
    self.set(id, (self.get(id) ?? 0) + next);
    total += next;
  }
  const perTurn = (us: number) => (us / 1000 / turns).toFixed(2);
  console.log(`\n== ${what}: ${perTurn(total)} ms of sampled CPU per turn (idle excluded) ==`);
  const label = (node: Node) =>
    `${node.callFrame.functionName || "(anonymous)"} ${packageOf(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
  const selfByPackage = new Map<string, number>();
  const selfByFn = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const pkg = node.callFrame.url ? packageOf(node.callFrame.url) : node.callFrame.functionName;
    selfByPackage.set(pkg, (selfByPackage.get(pkg) ?? 0) + us);
    selfByFn.set(label(node), (selfByFn.get(label(node)) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!);
      if (seen.has(l)) continue;
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + us);
    }
  }
  const top = Number(values.top);
  const print = (title: string, m: Map<string, number>, k: number) => {
    console.log(`-- ${title}`);
    for (const [k2, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, k))
      console.log(`${perTurn(us).padStart(7)} ms ${((us / total) * 100).toFixed(1).padStart(5)} %  ${k2}`);
  };
  if (values.callers) {
    // Bottom-up: the stacks (up to 12 frames) under which the named function spends its self time.
    const stacks = new Map<string, number>();
    for (const [id, us] of self) {
      const node = byId.get(id)!;
      if (!label(node).startsWith(values.callers)) continue;
      const frames: string[] = [];
      for (let cur = parent.get(id); cur !== undefined && frames.length < 12; cur = parent.get(cur))
        frames.push(label(byId.get(cur)!));
      stacks.set(frames.join(" < "), (stacks.get(frames.join(" < ")) ?? 0) + us);
    }
    console.log(`-- callers of ${values.callers}`);
    for (const [k2, us] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 8))
      console.log(`${perTurn(us).padStart(7)} ms  ${k2}`);
  }
  print("self time by package", selfByPackage, 20);
  print("self time by function", selfByFn, top);
  print("inclusive time by function", inclusive, top);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
