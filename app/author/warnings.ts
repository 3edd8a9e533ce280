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
    | "author.warnMissingTranslation";
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

  // Few examples.
  for (const [id, t] of Object.entries(topics)) {
    if (!isObj(t)) continue;
    for (const locale of LOCALES) {
      const n = topicExamples(id, locale)!;
      if (n.examples < MIN_TOPIC_EXAMPLES)
        warnings.push({ path: `topics.${id}.examples.${locale}`, key: "author.warnFewExamples", vars: { count: n.examples, minimum: MIN_TOPIC_EXAMPLES } });
    }
  }
  knows.forEach((k, i) => {
    for (const locale of LOCALES) {
      const n = isObj(k.examples) ? filled(k.examples[locale]).length : 0;
      if (n < MIN_TOPIC_EXAMPLES) warnings.push({ path: `knows.${i}.examples.${locale}`, key: "author.warnFewExamples", vars: { count: n, minimum: MIN_TOPIC_EXAMPLES } });
    }
  });

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
        if (en !== fr && !path.endsWith(".patterns") && !path.endsWith(".examples"))
          warnings.push({ path: `${path}.${en ? "fr" : "en"}`, key: "author.warnMissingTranslation", vars: { language: en ? "fr" : "en" } });
        if (typeof v.en === "string" || typeof v.fr === "string" || Array.isArray(v.en)) return;
      }
      for (const k of keys) visit(v[k], path ? `${path}.${k}` : k);
    } else if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${path}.${i}`));
  };
  visit(content, "");
  return warnings;
}
