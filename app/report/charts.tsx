/**
 * The report's SVG charts (no chart library): the three dimensions as bars, the customer's
 * patience over one call, and the trainee's progress per dimension over their calls.
 * Each chart is an <svg role="img"> with a <title> and a <desc> that says what it shows in
 * words; colours are never the only cue (labels, dash patterns and marker shapes).
 */
import { useId } from "react";
import type { Dimension } from "../../scenarios/schema";
import { DIMENSION_LABEL } from "../i18n/labels";
import { useT } from "../i18n/react";

export const DIMENSIONS: readonly Dimension[] = ["empathy", "resolution", "anticipation"];
export { DIMENSION_LABEL };
/** Dark enough for 4.5:1 on white. */
export const DIMENSION_COLOR: Record<Dimension, string> = {
  empathy: "#be123c",
  resolution: "#1d4ed8",
  anticipation: "#a14a06",
};
const DIMENSION_DASH: Record<Dimension, string | undefined> = {
  empathy: undefined,
  resolution: "6 4",
  anticipation: "2 3",
};

export function DimensionChart({
  scores,
  passMark,
}: {
  scores: Record<Dimension, number>;
  passMark: number;
}) {
  const t = useT();
  const id = useId();
  const left = 120;
  const width = 260;
  const rowH = 34;
  const top = 10;
  // Room below the axis for the pass mark's label and its descenders ("pass mark 60" was cut at the bottom).
  const height = top + rowH * 3 + 34;
  const x = (v: number) => left + (Math.max(0, Math.min(100, v)) / 100) * width;
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${left + width + 44} ${height}`}
      className="h-auto w-full max-w-lg"
    >
      <title id={`${id}-title`}>{t("report.chartTitle")}</title>
      <desc id={`${id}-desc`}>{t("report.chartDesc", { ...scores, passMark })}</desc>
      {[0, 25, 50, 75, 100].map((v) => (
        <g key={v}>
          <line x1={x(v)} x2={x(v)} y1={top - 4} y2={top + rowH * 3} stroke="#cbd5e1" strokeWidth={1} />
          <text x={x(v)} y={top + rowH * 3 + 14} fontSize={11} textAnchor="middle" fill="#334155">
            {v}
          </text>
        </g>
      ))}
      {DIMENSIONS.map((d, i) => {
        const y = top + i * rowH;
        return (
          <g key={d}>
            <text x={left - 8} y={y + rowH / 2 + 4} fontSize={13} textAnchor="end" fill="#0f172a">
              {t(DIMENSION_LABEL[d])}
            </text>
            <rect
              x={left}
              y={y + 6}
              width={x(scores[d]) - left}
              height={rowH - 12}
              rx={3}
              fill={DIMENSION_COLOR[d]}
            />
            <text
              x={left + width + 36}
              y={y + rowH / 2 + 5}
              fontSize={14}
              fontWeight={700}
              fill="#0f172a"
              textAnchor="end"
            >
              {scores[d]}
            </text>
          </g>
        );
      })}
      <line
        x1={x(passMark)}
        x2={x(passMark)}
        y1={top - 6}
        y2={top + rowH * 3 + 2}
        stroke="#0f172a"
        strokeWidth={2}
        strokeDasharray="4 3"
      />
      <text x={x(passMark)} y={top + rowH * 3 + 24} fontSize={10} textAnchor="middle" fill="#0f172a">
        {t("report.passMarkLine", { passMark })}
      </text>
    </svg>
  );
}

export interface PatiencePoint {
  label: string;
  /** The number under the point on the x axis: the transcript's turn number (none: the point's index). */
  tick?: string;
  patience: number;
  turned: "better" | "worse" | null;
}

/** The customer's patience (0–100) after each turn, with the moments of truth marked ▲/▼. */
export function PatienceChart({ points }: { points: PatiencePoint[] }) {
  const t = useT();
  const id = useId();
  if (points.length < 2) return null;
  const left = 36;
  const top = 12;
  const w = 520;
  const h = 140;
  const step = w / (points.length - 1);
  const px = (i: number) => left + i * step;
  const py = (v: number) => top + h - (Math.max(0, Math.min(100, v)) / 100) * h;
  const path = points
    .map((p, i) => `${i === 0 ? "M" : "L"}${px(i).toFixed(1)},${py(p.patience).toFixed(1)}`)
    .join(" ");
  const described = points.map((p) => `${p.label} ${p.patience}`).join(", ");
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${left + w + 24} ${top + h + 30}`}
      className="h-auto w-full max-w-2xl"
    >
      <title id={`${id}-title`}>{t("report.moodChartTitle")}</title>
      <desc id={`${id}-desc`}>{t("report.moodChartDesc", { points: described })}</desc>
      {[0, 50, 100].map((v) => (
        <g key={v}>
          <line x1={left} x2={left + w} y1={py(v)} y2={py(v)} stroke="#cbd5e1" />
          <text x={left - 6} y={py(v) + 4} fontSize={11} textAnchor="end" fill="#334155">
            {v}
          </text>
        </g>
      ))}
      <path d={path} fill="none" stroke="#0b554e" strokeWidth={2.5} />
      {points.map((p, i) => (
        <g key={i}>
          {p.turned === "better" ? (
            <path
              d={`M${px(i)},${py(p.patience) - 8} l7,12 h-14 z`}
              fill="#15803d"
              stroke="#fff"
              strokeWidth={1}
            />
          ) : p.turned === "worse" ? (
            <path
              d={`M${px(i)},${py(p.patience) + 8} l7,-12 h-14 z`}
              fill="#b91c1c"
              stroke="#fff"
              strokeWidth={1}
            />
          ) : (
            <circle cx={px(i)} cy={py(p.patience)} r={4} fill="#0b554e" />
          )}
          <text x={px(i)} y={top + h + 18} fontSize={11} textAnchor="middle" fill="#334155">
            {p.tick ?? String(i)}
          </text>
        </g>
      ))}
    </svg>
  );
}

export interface ProgressPoint {
  label: string;
  empathy: number;
  resolution: number;
  anticipation: number;
}

/** One line per dimension over the trainee's scored calls, oldest to newest. */
export function ProgressChart({ points, description }: { points: ProgressPoint[]; description: string }) {
  const t = useT();
  const id = useId();
  if (points.length < 2) return null;
  const left = 40;
  const top = 12;
  const w = 560;
  const h = 180;
  const step = w / (points.length - 1);
  const px = (i: number) => left + i * step;
  const py = (v: number) => top + h - (Math.max(0, Math.min(100, v)) / 100) * h;
  const every = Math.max(1, Math.ceil(points.length / 12));
  return (
    <figure className="rounded-lg border border-slate-300 bg-white p-4">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${left + w + 20} ${top + h + 34}`}
        className="h-auto w-full"
      >
        <title id={`${id}-title`}>{t("report.progressChartTitle")}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {[0, 25, 50, 75, 100].map((v) => (
          <g key={v}>
            <line x1={left} x2={left + w} y1={py(v)} y2={py(v)} stroke="#e2e8f0" />
            <text x={left - 6} y={py(v) + 4} fontSize={11} textAnchor="end" fill="#334155">
              {v}
            </text>
          </g>
        ))}
        {points.map((p, i) =>
          i % every === 0 || i === points.length - 1 ? (
            <text key={i} x={px(i)} y={top + h + 18} fontSize={11} textAnchor="middle" fill="#334155">
              {i + 1}
            </text>
          ) : null,
        )}
        {DIMENSIONS.map((d) => (
          <g key={d}>
            <path
              d={points
                .map((p, i) => `${i === 0 ? "M" : "L"}${px(i).toFixed(1)},${py(p[d]).toFixed(1)}`)
                .join(" ")}
              fill="none"
              stroke={DIMENSION_COLOR[d]}
              strokeWidth={2.5}
              strokeDasharray={DIMENSION_DASH[d]}
            />
            {points.map((p, i) =>
              d === "empathy" ? (
                <circle key={i} cx={px(i)} cy={py(p[d])} r={4} fill={DIMENSION_COLOR[d]} />
              ) : d === "resolution" ? (
                <rect key={i} x={px(i) - 4} y={py(p[d]) - 4} width={8} height={8} fill={DIMENSION_COLOR[d]} />
              ) : (
                <path key={i} d={`M${px(i)},${py(p[d]) - 5} l5,9 h-10 z`} fill={DIMENSION_COLOR[d]} />
              ),
            )}
          </g>
        ))}
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-sm text-slate-800">
        {DIMENSIONS.map((d) => (
          <span key={d} className="inline-flex items-center gap-2">
            <svg width="28" height="10" aria-hidden="true">
              <line
                x1="0"
                x2="28"
                y1="5"
                y2="5"
                stroke={DIMENSION_COLOR[d]}
                strokeWidth={3}
                strokeDasharray={DIMENSION_DASH[d]}
              />
            </svg>
            {t(DIMENSION_LABEL[d])}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
