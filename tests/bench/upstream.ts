/**
 * The benchmark's upstream: what the fake server answers (a customer line of
 * N word chunks; understanding from the resolving-call table), and how to run
 * it — in this process, or in a child process so that the server's own CPU
 * work does not share our thread (the default).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startFakeOpenAI, timingsOf, wordChunks, type RequestTimings, type Script } from "../fake-openai/server";
import { RESOLVING_TURNS, traineeWordsIn } from "../llm/support";

const WORDS = "Okay then so what are you going to do about it because I really need this sorted out today please and thanks a lot".split(" ");

export function benchLine(chunkCount: number): { line: string; chunks: string[] } {
  const line = Array.from({ length: chunkCount }, (_, i) => WORDS[i % WORDS.length]).join(" ") + ".";
  return { line, chunks: wordChunks(line) }; // leading spaces, like OpenAI tokens
}

export function benchScript(chunkCount: number): Script {
  const { line, chunks } = benchLine(chunkCount);
  return (req) => {
    if (req.kind === "text") return { text: line, chunks };
    const row = RESOLVING_TURNS.find((t) => t.text === traineeWordsIn(req.promptText));
    return { json: { moves: row?.moves ?? [], topics: row?.topics ?? [] } };
  };
}

export interface Upstream {
  baseUrl: string;
  /** Timings of the requests received since the last call. */
  take(): Promise<RequestTimings[]>;
  close(): Promise<void>;
}

export interface UpstreamOptions {
  firstByteMs: number;
  chunkGapMs: number;
  chunks: number;
}

export async function inProcessUpstream(o: UpstreamOptions): Promise<Upstream> {
  const fake = await startFakeOpenAI({ script: benchScript(o.chunks), latency: { firstByteMs: o.firstByteMs, betweenChunksMs: o.chunkGapMs } });
  let seen = 0;
  return {
    baseUrl: fake.baseUrl,
    async take() {
      const out = fake.requests.slice(seen).map(timingsOf);
      seen += out.length;
      return out;
    },
    close: () => fake.close(),
  };
}

export async function childProcessUpstream(o: UpstreamOptions): Promise<Upstream> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./fake-child.ts", import.meta.url)), String(o.firstByteMs), String(o.chunkGapMs), String(o.chunks)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`fake server child exited (${code})`)));
  });
  const baseUrl = `http://127.0.0.1:${port}/v1`;
  let seen = 0;
  return {
    baseUrl,
    async take() {
      const res = await fetch(`http://127.0.0.1:${port}/__fake/requests?since=${seen}`);
      const out = (await res.json()) as RequestTimings[];
      seen += out.length;
      return out;
    },
    async close() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}
