/**
 * "Not this" from a test-play (decision 282's "not done", now done): a trainee line that was read as a topic or an
 * item of knowledge it is not, added to that topic's (or item's) counter-examples in the line's language. Pure: it
 * says which field of the draft to set and to what, and the editor sets it through the form's own change path
 * (useDraft.change), so it is autosaved like any edit. Browser-safe.
 */
import { normalize } from "../../scenarios/text";

export type CounterExampleChange =
  /** Set `path` of the draft to `value` (the topic's whole counterExamples, both languages). */
  | { kind: "add"; path: Array<string | number>; value: { en: string[]; fr: string[] } }
  /** The phrase is one of its counter-examples already (compared as the classifier compares: case, accents, spaces). */
  | { kind: "already" }
  /** The phrase is one of its examples: it cannot be both (the format refuses it, issue counterIsExample). */
  | { kind: "isExample" }
  /** No topic or item of knowledge has this id in the draft any more (renamed or removed since the play). */
  | { kind: "missing" };

const texts = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const record = (v: unknown): Record<string, unknown> | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/** The draft's topic or item of knowledge with this id (they share one namespace), and where it is. */
function locate(content: unknown, id: string): { path: Array<string | number>; item: Record<string, unknown> } | null {
  const scenario = record(content);
  const topics = record(scenario?.topics);
  const topic = topics && Object.prototype.hasOwnProperty.call(topics, id) ? record(topics[id]) : null;
  if (topic) return { path: ["topics", id], item: topic };
  const knows = Array.isArray(scenario?.knows) ? (scenario.knows as unknown[]) : [];
  const index = knows.findIndex((k) => record(k)?.id === id);
  if (index >= 0) return { path: ["knows", index], item: record(knows[index])! };
  return null;
}

/** What adding `phrase` (a trainee line, in `locale`) to the counter-examples of topic or item `id` does to the draft. */
export function addCounterExample(content: unknown, id: string, locale: "en" | "fr", phrase: string): CounterExampleChange {
  const text = phrase.trim();
  const found = locate(content, id);
  if (!found || !text) return { kind: "missing" };
  const key = normalize(text);
  if (texts(record(found.item.examples)?.[locale]).some((e) => normalize(e) === key)) return { kind: "isExample" };
  const current = record(found.item.counterExamples);
  const list = texts(current?.[locale]);
  if (list.some((c) => normalize(c) === key)) return { kind: "already" };
  const value = { en: texts(current?.en), fr: texts(current?.fr) };
  value[locale] = [...list, text];
  return { kind: "add", path: [...found.path, "counterExamples"], value };
}
