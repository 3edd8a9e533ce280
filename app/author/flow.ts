/**
 * The scenario's flow as a graph (issue 13 step 8): what unlocks each fact, what voices and meets each
 * need, what ends the call (resolved, she leaves at patience 0, she gives up after maxTurns) and the
 * mood thresholds. Read from the draft as it is; laid out by dagre in the browser (FlowDiagram.tsx).
 */
export type FlowKind = "start" | "move" | "topic" | "fact" | "need" | "resolved" | "left" | "gave-up";

export interface FlowNode {
  id: string;
  kind: FlowKind;
  label: string;
}

export interface FlowEdge {
  from: string;
  to: string;
  label: "all" | "any" | "voiced after" | "meets" | "resolves";
  dashed?: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x.length > 0) : []);

function parts(set: unknown): { all: string[]; any: string[] } {
  if (Array.isArray(set)) return { all: strings(set), any: [] };
  if (isObj(set)) return { all: strings(set.all), any: strings(set.any) };
  return { all: [], any: [] };
}

/** The node id of a condition ("topic:check" → "topic:check", "ask_question" → "move:ask_question"). */
export function nodeOf(condition: string): { id: string; kind: FlowKind; label: string } {
  const colon = condition.indexOf(":");
  if (colon < 0) return { id: `move:${condition}`, kind: "move", label: condition.replace(/_/g, " ") };
  const kind = condition.slice(0, colon);
  const id = condition.slice(colon + 1);
  if (kind === "topic" || kind === "fact" || kind === "need") return { id: `${kind}:${id}`, kind, label: id };
  return { id: `move:${condition}`, kind: "move", label: condition };
}

export function scenarioFlow(content: unknown): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const nodes = new Map<string, FlowNode>();
  const edges: FlowEdge[] = [];
  const add = (n: FlowNode) => {
    if (!nodes.has(n.id)) nodes.set(n.id, n);
  };
  const c = isObj(content) ? content : {};
  const mood = isObj(c.mood) ? c.mood : {};
  const customer = isObj(c.customer) ? c.customer : {};
  add({
    id: "start",
    kind: "start",
    label: `patience ${customer.patience ?? "?"} · calm ≥ ${mood.calmFrom ?? 60} · annoyed ≥ ${mood.annoyedFrom ?? 30}`,
  });
  const link = (set: unknown, to: string, edge: (which: "all" | "any") => Omit<FlowEdge, "from" | "to">) => {
    const { all, any } = parts(set);
    for (const [which, list] of [["all", all], ["any", any]] as const)
      for (const cond of list) {
        const n = nodeOf(cond);
        add(n);
        edges.push({ from: n.id, to, ...edge(which) });
      }
  };
  for (const f of Array.isArray(c.facts) ? c.facts.filter(isObj) : []) {
    if (typeof f.id !== "string" || !f.id) continue;
    add({ id: `fact:${f.id}`, kind: "fact", label: f.id });
    link(f.unlockedBy, `fact:${f.id}`, (which) => ({ label: which }));
  }
  for (const n of Array.isArray(c.needs) ? c.needs.filter(isObj) : []) {
    if (typeof n.id !== "string" || !n.id) continue;
    add({ id: `need:${n.id}`, kind: "need", label: n.id });
    link(isObj(n.voicedWhen) ? n.voicedWhen.after : undefined, `need:${n.id}`, () => ({ label: "voiced after", dashed: true }));
    link(n.metBy, `need:${n.id}`, () => ({ label: "meets" }));
  }
  add({ id: "end:resolved", kind: "resolved", label: "resolved" });
  link(c.resolvedWhen, "end:resolved", (which) => ({ label: which }));
  add({ id: "end:left", kind: "left", label: "leaves at patience 0" });
  add({ id: "end:gave-up", kind: "gave-up", label: `gives up after ${typeof c.maxTurns === "number" ? c.maxTurns : 14} turns` });
  edges.push({ from: "start", to: "end:left", label: "resolves", dashed: true });
  edges.push({ from: "start", to: "end:gave-up", label: "resolves", dashed: true });
  return { nodes: [...nodes.values()], edges };
}
