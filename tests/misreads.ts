/**
 * Development only: every misread of a SPENT blind-format utterance file, one by one (what was missing,
 * what was read that must not be, polarity swaps). Refuses the current blind set (tests/fixtures/blind16/) and the
 * next one, frozen and unmeasured (tests/fixtures/blind17/).
 *
 *   npx tsx tests/misreads.ts tests/fixtures/blind4/utterances.jsonl [--locale en] [--move dismiss]
 */
import { parseArgs } from "node:util";
import { classify, understand } from "../machines/understanding";
import { NEGATIVE_MOVES } from "../scenarios/moves";
const isNegative = (moves: readonly string[]) => moves.some((m) => (NEGATIVE_MOVES as readonly string[]).includes(m));
import { conditionsOf } from "../scenarios/conditions";
import { loadScenarioById } from "../scenarios/load";
import { loadBlind, CURRENT_BLIND_FILE, UNREAD_BLIND_SETS } from "./eval-moves";
import { resolve } from "node:path";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { locale: { type: "string" }, move: { type: "string" } } });
const file = positionals[0];
if (!file) throw new Error("usage: tsx tests/misreads.ts FILE");
if (resolve(file) === resolve(CURRENT_BLIND_FILE) || UNREAD_BLIND_SETS.some((dir) => resolve(file).split("/").includes(dir))) {
  console.error("error: the current blind set is measured once, by npm run eval:moves — never read one by one");
  process.exit(2);
}
let n = 0;
for (const line of loadBlind(file)) {
  if (values.locale && line.locale !== values.locale) continue;
  if (values.move && !line.must.includes(values.move as never) && !line.mustNot.includes(values.move as never)) continue;
  const needsTopics = [...line.must, ...line.mustNot].some((m) => m.startsWith("topic:"));
  const got = new Set<string>(
    needsTopics && line.scenario
      ? (() => {
          const u = understand(loadScenarioById(line.scenario!), line.text, line.locale);
          return [...u.moves, ...u.topics.map((t) => `topic:${t}`)];
        })()
      : classify(line.text, line.locale),
  );
  const missing = line.must.filter((m) => !got.has(m));
  const wrong = line.mustNot.filter((m) => got.has(m));
  const needsTransfer = line.scenario !== undefined && conditionsOf(loadScenarioById(line.scenario).resolvedWhen).includes("transfer");
  const readNegative = isNegative([...got] as never) || (got.has("transfer") && !needsTransfer);
  const swap = line.polarity === "negative" ? !readNegative : readNegative;
  if (missing.length === 0 && wrong.length === 0 && !swap) continue;
  n++;
  console.log(`[${line.locale} ${line.scenario} ${line.polarity}${swap ? " SWAP" : ""}] ${line.text}`);
  console.log(`    read: ${[...got].join(", ") || "-"}   missing: ${missing.join(", ") || "-"}   must-not read: ${wrong.join(", ") || "-"}`);
}
console.log(`${n} misread`);
