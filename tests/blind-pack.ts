/**
 * Writes what blind-set writers may read (decision 256): the three briefings as a trainee reads them (no hidden
 * persona, no topics, no needs), the glossary of moves, the rules and the task files. Nothing else of the
 * repository reaches them.
 *
 *   npx tsx tests/blind-pack.ts <out-dir> <set-name> [personas-to-avoid.txt]
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadAllScenarios } from "../scenarios/load";
import { MOVE_GLOSSARY, MOVES } from "../scenarios/moves";

const [out, name, avoidFile] = process.argv.slice(2);
if (!out || !name) {
  console.error("usage: npx tsx tests/blind-pack.ts <out-dir> <set-name> [personas-to-avoid.txt]");
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const avoid = avoidFile ? readFileSync(avoidFile, "utf8").trim() : "";
/** "blind9" → "u9": the utterances' ids say which set they belong to. */
const idPrefix = `u${name.replace(/\D/g, "") || "_"}`;

const briefing = (locale: "en" | "fr") =>
  loadAllScenarios()
    .map((s) =>
      [
        `## ${s.id} — ${s.title[locale]}`,
        `- channel: ${s.channel}`,
        `- setting: ${s.setting[locale]}`,
        `- your role: ${s.role[locale]}`,
        `- customer: ${s.customer.name}`,
        `- goal: ${s.goal[locale]}`,
        `- the customer opens with:`,
        ...s.opening[locale].map((l) => `  > ${l}`),
      ].join("\n"),
    )
    .join("\n\n");
writeFileSync(join(out, "briefings.en.md"), `# Scenario briefings (English)\n\n${briefing("en")}\n`);
writeFileSync(join(out, "briefings.fr.md"), `# Briefings des scénarios (français)\n\n${briefing("fr")}\n`);
writeFileSync(
  join(out, "moves.md"),
  `# Moves (labels for a receptionist's turn)\n\n${MOVES.map((m) => `- \`${m}\`: ${MOVE_GLOSSARY[m].en} / ${MOVE_GLOSSARY[m].fr}`).join("\n")}\n`,
);
writeFileSync(
  join(out, "RULES.md"),
  `# Rules\n
You write test data for a training simulator, blind: read ONLY the files in this folder. Do not open, list, search or
run anything else on this machine (no other folder, no repository, no git, no web search). Write only into the
output folder your task names. Everything must be your own words: do not copy the briefings' example phrasing into
every line; vary it as real people would.

Labelling conventions:
- sending the customer off to ask or call elsewhere is \`transfer\` and \`dismiss\`;
- a rule with no way forward ("that's our policy, nothing I can do") is \`dismiss\`;
- "I'll call you back" is \`promise_callback\`, not \`transfer\`;
- "let me ask my colleague / check in the back" is \`check_with_colleague\`;
- doubting the customer ("are you sure you…?") is \`blame_customer\`; insults, sarcasm, condescension are \`rude\`.
`,
);
const avoidNote = avoid ? `\nDo NOT reuse these personas (earlier sets used them): ${avoid}\n` : "";
for (const locale of ["en", "fr"] as const) {
  const lang = locale === "en" ? "English" : "French";
  writeFileSync(
    join(out, `TASK.scripts.${locale}.md`),
    `# Task: ${lang} trainee scripts for ${name}\n
Read RULES.md, briefings.${locale}.md and moves.md. Write 36 whole trainee scripts in ${lang}: for each of the three
scenarios, 3 excellent, 4 good, 1 mediocre, 4 poor. A script is what the receptionist says, one turn per line
(5–10 lines), in reply to a customer you imagine from the briefing (you do not see her replies). A good or
excellent receptionist reaches the goal and earns it: empathy, a real resolution (finds out what is needed, does
it, commits to next steps with a time), and anticipation (answers what she would ask next before she asks); a
poor one is dismissive, rude, sends her elsewhere, or never resolves; a mediocre one is polite but thin.
Use twelve distinct personas (accents, registers, ages, texting without accents or capitals, non-native speakers,
terse or chatty), rotated so a persona is not a level.${avoidNote}
Output to the folder your task names: one file per script named \`<scenario>.${locale}.<level>-<n>.txt\` (e.g.
\`lost-cap.${locale}.good-2.txt\`), and \`manifest.${locale}.jsonl\` with one line per script:
{"file": "...", "scenario": "...", "locale": "${locale}", "level": "excellent|good|mediocre|poor", "style": "<persona>", "expect": {"resolved": true|false, "pass": true|false}}
(excellent and good: resolved and pass true; mediocre and poor: pass false).
`,
  );
  writeFileSync(
    join(out, `TASK.utterances.${locale}.md`),
    `# Task: ${lang} single receptionist turns for ${name}\n
Read RULES.md, briefings.${locale}.md and moves.md. Write 210 single receptionist turns in ${lang}, 70 per
scenario: 45 positive, 19 negative, 6 neutral. Vary the voices widely (formal, warm, terse, texting with typos and
no accents, non-native, regional, indirect politeness, questions without a question mark, sarcasm, passing the
buck, policy walls, doubt, minimising) and make some negatives look polite and some positives look curt.${avoidNote}
For each, label the moves that MUST be read in it (\`must\`, the clear ones only) and moves that must NOT be read
(\`mustNot\`, the tempting wrong ones). Output \`utterances.${locale}.jsonl\` in the folder your task names, one line each:
{"id": "${idPrefix}${locale}001", "locale": "${locale}", "scenario": "angry-caller|lost-cap|smile-25k", "style": "...", "text": "...", "must": ["..."], "mustNot": ["..."], "polarity": "positive|negative|neutral"}
`,
  );
}
console.log(`pack written to ${out}`);
