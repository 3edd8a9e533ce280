/**
 * The scenario's flow, laid out by dagre (loaded on demand) and drawn as SVG; the path a test-play took
 * (moves and topics heard, facts unlocked, needs met, how it ended) is highlighted. A text list says the
 * same for screen readers and keyboard users.
 */
import "../messages";
import { useEffect, useMemo, useState } from "react";
import { useT } from "../../i18n/react";
import { scenarioFlow, type FlowKind } from "../flow";
import { useConditionLabel } from "./ConditionPicker";

interface Placed {
  nodes: Array<{ id: string; kind: FlowKind; label: string; lines: string[]; x: number; y: number; width: number; height: number }>;
  edges: Array<{ from: string; to: string; label: string; dashed?: boolean; points: Array<{ x: number; y: number }> }>;
  width: number;
  height: number;
}

const FILL: Record<FlowKind, string> = {
  start: "#e2e8f0",
  move: "#ffffff",
  topic: "#eef2ff",
  fact: "#fef3c7",
  need: "#fce7f3",
  resolved: "#dcfce7",
  left: "#fee2e2",
  "gave-up": "#f1f5f9",
};

const FONT_SIZE = 12;
const LINE_HEIGHT = 15;
/** The widest a line of a box's text may be (px); longer labels wrap. */
const MAX_LINE_WIDTH = 200;
const PAD_X = 12;
const PAD_Y = 9;

/** How wide a text is drawn in the page's font (a canvas measures it; about 7.5 px a character without one). */
function textMeasurer(): (text: string) => number {
  try {
    const context = document.createElement("canvas").getContext("2d");
    if (context) {
      context.font = `${FONT_SIZE}px ${getComputedStyle(document.body).fontFamily || "sans-serif"}`;
      if (context.measureText("m").width > 0) return (text) => context.measureText(text).width;
    }
  } catch {
    /* no canvas (tests): estimate */
  }
  return (text) => text.length * 7.5;
}

/**
 * A label in lines no wider than `max`: broken after spaces, hyphens and middle dots (the pieces keep their
 * separators, so the lines put together are the label); a piece wider than a line is cut.
 */
export function wrapLabel(label: string, measure: (text: string) => number, max = MAX_LINE_WIDTH): string[] {
  const pieces = label.split(/(?<=[\s\-·/])/).flatMap((piece) => {
    if (measure(piece.trimEnd()) <= max) return [piece];
    const cut: string[] = [];
    let part = "";
    for (const ch of piece) {
      if (part && measure(part + ch) > max) {
        cut.push(part);
        part = "";
      }
      part += ch;
    }
    return part ? [...cut, part] : cut;
  });
  const lines: string[] = [];
  for (const piece of pieces) {
    const last = lines.at(-1);
    if (last !== undefined && measure((last + piece).trimEnd()) <= max) lines[lines.length - 1] = last + piece;
    else lines.push(piece);
  }
  return lines.length ? lines : [""];
}

export function FlowDiagram({ content, highlight }: { content: unknown; highlight: Set<string> }) {
  const t = useT();
  const conditionLabel = useConditionLabel();
  const flow = useMemo(() => scenarioFlow(content), [content]);
  const [placed, setPlaced] = useState<Placed | null>(null);
  useEffect(() => {
    let cancelled = false;
    void import("@dagrejs/dagre").then(({ default: dagre }) => {
      if (cancelled) return;
      const g = new dagre.graphlib.Graph({ multigraph: true });
      g.setGraph({ rankdir: "LR", nodesep: 18, ranksep: 60, marginx: 8, marginy: 8 });
      g.setDefaultEdgeLabel(() => ({}));
      const measure = textMeasurer();
      const texts = new Map<string, string[]>();
      for (const n of flow.nodes) {
        const lines = wrapLabel(textOf(n), measure);
        texts.set(n.id, lines);
        const widest = Math.max(...lines.map((line) => measure(line.trimEnd())));
        g.setNode(n.id, { width: Math.ceil(widest) + 2 * PAD_X, height: lines.length * LINE_HEIGHT + 2 * PAD_Y });
      }
      flow.edges.forEach((e, i) => g.setEdge(e.from, e.to, {}, `e${i}`));
      dagre.layout(g);
      const graph = g.graph() as { width?: number; height?: number };
      setPlaced({
        width: graph.width ?? 0,
        height: graph.height ?? 0,
        nodes: flow.nodes.map((n) => {
          const p = g.node(n.id) as { x: number; y: number; width: number; height: number };
          return { ...n, lines: texts.get(n.id) ?? [textOf(n)], x: p.x, y: p.y, width: p.width, height: p.height };
        }),
        edges: flow.edges.map((e, i) => ({ ...e, points: ((g.edge({ v: e.from, w: e.to, name: `e${i}` }) as { points?: Array<{ x: number; y: number }> })?.points ?? []) })),
      });
    });
    return () => {
      cancelled = true;
    };
    // textOf depends on the UI's language, which is the page's (a new page when it changes).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [flow]);
  /** What a box says, in the UI's language: a move by its name, a fact, need or topic by its id with its kind. */
  function textOf(n: { id: string; kind: FlowKind; label: string }): string {
    const c = (content && typeof content === "object" ? content : {}) as { customer?: { patience?: unknown }; mood?: { calmFrom?: unknown; annoyedFrom?: unknown }; maxTurns?: unknown };
    const shown = (v: unknown, fallback: number | string) => (typeof v === "number" ? v : fallback);
    switch (n.kind) {
      case "move":
        return conditionLabel(n.id.slice("move:".length));
      case "fact":
        return t("author.flowFact", { id: n.label });
      case "need":
        return t("author.flowNeed", { id: n.label });
      case "topic":
        return t("author.flowTopic", { id: n.label });
      case "start":
        return t("author.flowStart", { patience: shown(c.customer?.patience, "?"), calm: shown(c.mood?.calmFrom, 60), annoyed: shown(c.mood?.annoyedFrom, 30) });
      case "resolved":
        return t("author.flowResolved");
      case "left":
        return t("author.flowLeft");
      case "gave-up":
        return t("author.flowGaveUp", { turns: shown(c.maxTurns, 14) });
    }
  }
  const nodeText = (id: string) => {
    const node = flow.nodes.find((n) => n.id === id);
    return node ? textOf(node) : id;
  };
  const EDGE_LABEL = { all: "author.flowEdgeAll", any: "author.flowEdgeAny", "voiced after": "author.flowEdgeVoicedAfter", meets: "author.flowEdgeMeets", resolves: "author.flowEdgeEnds" } as const;
  const lit = (id: string) => highlight.has(id);
  return (
    <figure className="mt-6 rounded-lg border border-slate-300 bg-white p-4">
      <figcaption className="text-xl font-bold">{t("author.diagramTitle")}</figcaption>
      <p className="text-sm text-slate-700">{t("author.diagramIntro")}</p>
      {placed ? (
        <div className="mt-2 overflow-x-auto" data-testid="flow-diagram">
          <svg width={placed.width} height={placed.height} role="img" aria-label={t("author.diagramTitle")}>
            <defs>
              <marker id="flow-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                <path d="M 0 0 L 10 5 L 0 10 z" fill="#475569" />
              </marker>
            </defs>
            {placed.edges.map((e, i) => {
              const on = lit(e.from) && lit(e.to);
              return (
                <path
                  key={i}
                  d={e.points.map((p, j) => `${j ? "L" : "M"} ${p.x} ${p.y}`).join(" ")}
                  fill="none"
                  stroke={on ? "#15803d" : "#64748b"}
                  strokeWidth={on ? 3 : 1.2}
                  strokeDasharray={e.dashed ? "4 3" : undefined}
                  markerEnd="url(#flow-arrow)"
                />
              );
            })}
            {placed.nodes.map((n) => (
              <g key={n.id} transform={`translate(${n.x - n.width / 2}, ${n.y - n.height / 2})`} data-lit={lit(n.id) || undefined}>
                <rect width={n.width} height={n.height} rx={n.kind === "move" || n.kind === "topic" ? Math.min(17, n.height / 2) : 4} fill={FILL[n.kind]} stroke={lit(n.id) ? "#15803d" : "#475569"} strokeWidth={lit(n.id) ? 3 : 1} />
                <text textAnchor="middle" fontSize={FONT_SIZE} fill="#0f172a">
                  {n.lines.map((line, i) => (
                    <tspan key={i} x={n.width / 2} y={PAD_Y + (i + 1) * LINE_HEIGHT - 4}>
                      {line}
                    </tspan>
                  ))}
                </text>
              </g>
            ))}
          </svg>
        </div>
      ) : null}
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer">{t("author.diagramAsText")}</summary>
        <ul className="mt-1 list-disc pl-6">
          {flow.edges.map((e, i) => (
            <li key={i}>
              {nodeText(e.from)} → {nodeText(e.to)} ({t(EDGE_LABEL[e.label])}){lit(e.from) && lit(e.to) ? ` ✓` : ""}
            </li>
          ))}
        </ul>
      </details>
    </figure>
  );
}
