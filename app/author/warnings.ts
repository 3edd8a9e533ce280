/**
 * What makes a poor scenario even when it is valid (issue 13, decision 152): a fact nothing can
 * unlock, a need nothing can meet, a goal that can never be reached, a topic with too few example
 * phrases in a language, a rubric checkpoint naming an unknown topic, a text written in one language
 * only. Read from the draft as it is (possibly invalid): every check is defensive. Each warning is
 * an i18n key of the `author` area with its variables, at the path of the field it is about.
 *
 * "Can happen" is decided per language by a fixpoint: a move can always happen; a topic can when it
 * has example phrases (or patterns) in that language; a fact when its `unlockedBy` can hold; a need
 * when its `metBy` can hold.
 */
import "./messages";
import "./messages-studio";
import { MOVES } from "../../scenarios/moves";

export const MIN_TOPIC_EXAMPLES = 8;
const LOCALES = ["en", "fr"] as const;
type Locale = (typeof LOCALES)[number];

export interface Warning {
  path: string;
  key:
    | "author.warnFactUnreachable"
    | "author.warnNeedUnmeetable"
    | "author.warnGoalUnreachable"
    | "author.warnFewExamples"
    | "author.warnRubricUnknownTopic"
    | "author.warnMissingTranslation"
    | "authorStudio.warnDuplicateExamples"
    | "authorStudio.warnJunkExamples"
    | "authorStudio.warnNoKnows";
  vars?: Record<string, string | number>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strings = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === "string");
const filled = (v: unknown): string[] => strings(v).filter((s) => s.trim().length > 0);

function parts(set: unknown): { all: string[]; any: string[] } {
  if (Array.isArray(set)) return { all: strings(set), any: [] };
  if (isObj(set)) return { all: strings(set.all), any: strings(set.any) };
  return { all: [], any: [] };
}

function topicNames(set: unknown): string[] {
  const { all, any } = parts(set);
  return [...all, ...any].filter((c) => c.startsWith("topic:")).map((c) => c.slice(6));
}

/** Words made of letters in an example, markup aside ("<script>" is no word; "📦!!" has none). */
export function letterWords(text: string): number {
  return text.replace(/<[^>]*>/g, " ").match(/\p{L}[\p{L}\p{M}'’-]*/gu)?.length ?? 0;
}

const sameExample = (text: string) => text.trim().toLowerCase().replace(/\s+/g, " ");

/**
 * The example phrases of one language as the machine learns from them: distinct, of at least two words of letters.
 * Copies and phrases with fewer words are counted apart (each is warned about once per list).
 */
export function exampleQuality(examples: string[]): { useful: number; duplicates: string[]; junk: string[] } {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  const junk: string[] = [];
  let useful = 0;
  for (const e of examples) {
    const key = sameExample(e);
    if (seen.has(key)) {
      duplicates.push(e);
      continue;
    }
    seen.add(key);
    if (letterWords(e) < 2) junk.push(e);
    else useful++;
  }
  return { useful, duplicates, junk };
}

function langName(locales: Locale[]): string {
  return locales.join("+");
}

export function scenarioWarnings(content: unknown): Warning[] {
  if (!isObj(content)) return [];
  const warnings: Warning[] = [];
  const topics = isObj(content.topics) ? content.topics : {};
  const knows = list(content.knows).filter(isObj);
  const facts = list(content.facts).filter(isObj);
  const needs = list(content.needs).filter(isObj);
  const moves = new Set<string>(MOVES);

  const topicExamples = (id: string, locale: Locale): { examples: number; patterns: number } | null => {
    const t = topics[id];
    const k = knows.find((x) => x.id === id);
    const src = isObj(t) ? t : k;
    if (!src) return null;
    const ex = isObj(src.examples) ? filled(src.examples[locale]).length : 0;
    const pa = isObj(src.patterns) ? filled(src.patterns[locale]).length : 0;
    return { examples: ex, patterns: pa };
  };

  // Few examples; copies, and phrases of fewer than two words (only emoji, punctuation or markup), do not count.
  const checkExamples = (src: Obj, path: string) => {
    for (const locale of LOCALES) {
      const q = exampleQuality(isObj(src.examples) ? filled(src.examples[locale]) : []);
      const at = `${path}.examples.${locale}`;
      if (q.useful < MIN_TOPIC_EXAMPLES) warnings.push({ path: at, key: "author.warnFewExamples", vars: { count: q.useful, minimum: MIN_TOPIC_EXAMPLES } });
      if (q.duplicates.length > 0) warnings.push({ path: at, key: "authorStudio.warnDuplicateExamples", vars: { count: q.duplicates.length, example: q.duplicates[0]!.trim() } });
      if (q.junk.length > 0) warnings.push({ path: at, key: "authorStudio.warnJunkExamples", vars: { count: q.junk.length, example: q.junk[0]!.trim() } });
    }
  };
  for (const [id, t] of Object.entries(topics)) if (isObj(t)) checkExamples(t, `topics.${id}`);
  knows.forEach((k, i) => checkExamples(k, `knows.${i}`));
  // Nothing the receptionist knows: the default "Shared something useful…" checkpoint is left with the bare `share_tip`
  // move, which the understanding machine rarely recognises (decision 096): in practice it is never earned.
  if (knows.length === 0) warnings.push({ path: "knows", key: "authorStudio.warnNoKnows" });

  // Reachability, per language.
  const unreachableFacts = new Map<number, Locale[]>();
  const unmeetableNeeds = new Map<number, Locale[]>();
  const goalFails: Locale[] = [];
  for (const locale of LOCALES) {
    const factOk = new Set<string>();
    const needOk = new Set<string>();
    const can = (c: string): boolean => {
      if (c.startsWith("topic:")) {
        const n = topicExamples(c.slice(6), locale);
        return Boolean(n && (n.examples > 0 || n.patterns > 0));
      }
      if (c.startsWith("fact:")) return factOk.has(c.slice(5));
      if (c.startsWith("need:")) return needOk.has(c.slice(5));
      return moves.has(c);
    };
    const holds = (set: unknown): boolean => {
      const { all, any } = parts(set);
      if (all.length + any.length === 0) return false;
      return all.every(can) && (any.length === 0 || any.some(can));
    };
    for (let changed = true; changed; ) {
      changed = false;
      for (const f of facts)
        if (typeof f.id === "string" && !factOk.has(f.id) && holds(f.unlockedBy)) {
          factOk.add(f.id);
          changed = true;
        }
      for (const n of needs)
        if (typeof n.id === "string" && !needOk.has(n.id) && holds(n.metBy)) {
          needOk.add(n.id);
          changed = true;
        }
    }
    facts.forEach((f, i) => {
      if (typeof f.id === "string" && !factOk.has(f.id)) unreachableFacts.set(i, [...(unreachableFacts.get(i) ?? []), locale]);
    });
    needs.forEach((n, i) => {
      if (typeof n.id === "string" && !needOk.has(n.id)) unmeetableNeeds.set(i, [...(unmeetableNeeds.get(i) ?? []), locale]);
    });
    if (!holds(content.resolvedWhen)) goalFails.push(locale);
  }
  for (const [i, locales] of unreachableFacts)
    warnings.push({ path: `facts.${i}.unlockedBy`, key: "author.warnFactUnreachable", vars: { id: String(facts[i]!.id), languages: langName(locales) } });
  for (const [i, locales] of unmeetableNeeds)
    warnings.push({ path: `needs.${i}.metBy`, key: "author.warnNeedUnmeetable", vars: { id: String(needs[i]!.id), languages: langName(locales) } });
  if (goalFails.length > 0) warnings.push({ path: "resolvedWhen", key: "author.warnGoalUnreachable", vars: { languages: langName(goalFails) } });

  // Rubric checkpoints naming a topic that is not declared.
  const declared = new Set([...Object.keys(topics), ...knows.map((k) => String(k.id))]);
  const rubric = isObj(content.rubric) ? content.rubric : {};
  for (const [dim, checkpoints] of Object.entries(rubric)) {
    list(checkpoints).forEach((c, i) => {
      if (!isObj(c)) return;
      for (const topic of topicNames(c.when))
        if (!declared.has(topic)) warnings.push({ path: `rubric.${dim}.${i}.when`, key: "author.warnRubricUnknownTopic", vars: { topic } });
    });
  }

  // A text in one language only: flagged, never copied.
  const visit = (v: unknown, path: string) => {
    if (isObj(v)) {
      const keys = Object.keys(v);
      if (keys.includes("en") && keys.includes("fr") && keys.length <= 2) {
        const has = (x: unknown) => (typeof x === "string" ? x.trim().length > 0 : filled(x).length > 0);
        const en = has(v.en);
        const fr = has(v.fr);
        // Counter-examples answer a misreading, which may happen in one language only (decision 282).
        if (en !== fr && !path.endsWith(".patterns") && !path.endsWith(".examples") && !path.endsWith(".counterExamples"))
          warnings.push({ path: `${path}.${en ? "fr" : "en"}`, key: "author.warnMissingTranslation", vars: { language: en ? "fr" : "en" } });
        if (typeof v.en === "string" || typeof v.fr === "string" || Array.isArray(v.en)) return;
      }
      for (const k of keys) visit(v[k], path ? `${path}.${k}` : k);
    } else if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${path}.${i}`));
  };
  visit(content, "");
  return warnings;
}
