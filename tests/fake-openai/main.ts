/**
 * Run the fake OpenAI-compatible server standalone, to play against it:
 *
 *   npx tsx tests/fake-openai/main.ts --port 11434 [--first-byte-ms 300] [--between-chunks-ms 40] [--record FILE] [--quiet]
 *   OPENAI_BASE_URL=http://127.0.0.1:11434/v1 OPENAI_API_KEY=fake npm run --silent cli -- play lost-cap
 *
 * It answers with the demo script (tests/fake-openai/demo-script.ts): customer
 * lines that follow the beat written in the prompt, and the offline
 * classifier's moves for structured "understanding" requests.
 * --record FILE appends every request (index, kind, model, messages) as one JSON line, to read what was sent.
 */
import { appendFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startFakeOpenAI } from "./server";
import { demoScript } from "./demo-script";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "11434" },
    "first-byte-ms": { type: "string", default: "150" },
    "between-chunks-ms": { type: "string", default: "25" },
    quiet: { type: "boolean", default: false },
    record: { type: "string" },
  },
});

function int(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`error: --${name} must be a non-negative integer (got "${raw}")`);
    process.exit(2);
  }
  return n;
}

const fake = await startFakeOpenAI({
  port: int("port", values.port),
  latency: { firstByteMs: int("first-byte-ms", values["first-byte-ms"]), betweenChunksMs: int("between-chunks-ms", values["between-chunks-ms"]) },
  script: (req) => {
    if (values.record) {
      appendFileSync(values.record, `${JSON.stringify({ index: req.index, at: new Date().toISOString(), kind: req.kind, model: req.body?.model, messages: req.body?.messages })}\n`);
    }
    return demoScript(req);
  },
  log: !values.quiet,
});
console.log(`fake OpenAI-compatible server listening: OPENAI_BASE_URL=${fake.baseUrl}`);
const stop = () => {
  void fake.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
