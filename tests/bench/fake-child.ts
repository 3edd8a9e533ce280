/** The benchmark's fake server in its own process: argv = firstByteMs chunkGapMs chunks. Prints "READY <port>". */
import { startFakeOpenAI } from "../fake-openai/server";
import { benchScript } from "./upstream";

const [firstByteMs, chunkGapMs, chunks] = process.argv.slice(2).map(Number);
const fake = await startFakeOpenAI({
  script: benchScript(chunks ?? 20),
  latency: { firstByteMs: firstByteMs ?? 50, betweenChunksMs: chunkGapMs ?? 2 },
  control: true,
});
process.stdout.write(`READY ${fake.port}\n`);
process.on("SIGTERM", () => void fake.close().then(() => process.exit(0)));
