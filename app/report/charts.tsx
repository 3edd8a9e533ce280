/**
 * The report's SVG charts (no chart library): the three dimensions as bars, the customer's
 * patience over one call, and the trainee's progress per dimension over their calls.
 * Each chart is an <svg role="img"> with a <title> and a <desc> that says what it shows in
 * words; colours are never the only cue (labels, dash patterns and marker shapes).
 */
import { useId, type ReactNode } from "react";
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
  // Drawn for a phone's width (about 320 CSS px, where 1 unit is about 0.9 px) and capped at 28rem on
  // a wide screen, so that its words stay between 12 and 18 px (at 424 units wide they were 9 px).
  const left = 112;
  const width = 196;
  const rowH = 38;
  const top = 10;
  const axisY = top + rowH * 3;
  // Below the axis: the numbers, the pass mark's label, then the axis title.
  const height = axisY + 62;
  const x = (v: number) => left + (Math.max(0, Math.min(100, v)) / 100) * width;
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${left + width + 48} ${height}`}
      className="h-auto w-full max-w-md"
    >
      <title id={`${id}-title`}>{t("report.chartTitle")}</title>
      <desc id={`${id}-desc`}>{t("report.chartDesc", { ...scores, passMark })}</desc>
      {[0, 50, 100].map((v) => (
        <g key={v}>
          <line x1={x(v)} x2={x(v)} y1={top - 4} y2={axisY} stroke="#cbd5e1" strokeWidth={1} />
          <text x={x(v)} y={axisY + 16} fontSize={13} textAnchor="middle" fill="#334155">
            {v}
          </text>
        </g>
      ))}
      {DIMENSIONS.map((d, i) => {
        const y = top + i * rowH;
        return (
          <g key={d}>
            <text x={left - 8} y={y + rowH / 2 + 5} fontSize={15} textAnchor="end" fill="#0f172a">
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
              x={left + width + 44}
              y={y + rowH / 2 + 6}
              fontSize={16}
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
        y2={axisY + 2}
        stroke="#0f172a"
        strokeWidth={2}
        strokeDasharray="4 3"
      />
      <text x={x(passMark)} y={axisY + 34} fontSize={13} textAnchor="middle" fill="#0f172a">
        {t("report.passMarkLine", { passMark })}
      </text>
      <text x={left + width / 2} y={axisY + 54} fontSize={13} fontWeight={600} textAnchor="middle" fill="#334155">
        {t("report.axisScore")}
      </text>
    </svg>
  );
}

/**
 * A line chart drawn twice: narrow (about as many units as a phone has CSS pixels, fewer axis
 * numbers) below the `sm` breakpoint, wide above it; the one not shown is display: none, so
 * neither a screen reader nor the eye meets it twice.
 */
function TwoSizes({ render }: { render: (size: ChartSize) => ReactNode }) {
  return (
    <>
      <div className="hidden sm:block">{render(WIDE)}</div>
      <div className="sm:hidden">{render(COMPACT)}</div>
    </>
  );
}

interface ChartSize {
  /** Width of the plot in viewBox units. */
  w: number;
  /** At most this many numbers under the x axis. */
  ticks: number;
  font: number;
}
const COMPACT: ChartSize = { w: 290, ticks: 6, font: 14 };
const WIDE: ChartSize = { w: 560, ticks: 14, font: 12 };

/** A line chart's vertical axis title, turned to read bottom to top. */
function YAxisTitle({ x, y, size, children }: { x: number; y: number; size: number; children: ReactNode }) {
  return (
    <text transform={`translate(${x}, ${y}) rotate(-90)`} fontSize={size} fontWeight={600} textAnchor="middle" fill="#334155">
      {children}
    </text>
  );
}

/** The plot area of a line chart of `n` points over 0–100 at `size`, `h` high: where each point and value goes. */
function lineFrame(size: ChartSize, n: number, h: number) {
  const f = size.font;
  const left = 30 + f * 1.6;
  const top = 12;
  const w = size.w;
  const step = w / (n - 1);
  return {
    f,
    left,
    top,
    w,
    h,
    px: (i: number) => left + i * step,
    py: (v: number) => top + h - (Math.max(0, Math.min(100, v)) / 100) * h,
  };
}

/** Which of `n` points get a number under the axis: every k-th, and always the first and last. */
function tickShown(i: number, n: number, most: number): boolean {
  const every = Math.max(1, Math.ceil(n / most));
  if (i === 0 || i === n - 1) return true;
  // Leave out the one just before the last when they would touch.
  return i % every === 0 && n - 1 - i >= Math.ceil(every / 2);
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
  if (points.length < 2) return null;
  return <TwoSizes render={(size) => <PatienceSvg points={points} size={size} />} />;
}

function PatienceSvg({ points, size }: { points: PatiencePoint[]; size: ChartSize }) {
  const t = useT();
  const id = useId();
  const { f, left, top, w, h, px, py } = lineFrame(size, points.length, size === COMPACT ? 150 : 140);
  const path = points
    .map((p, i) => `${i === 0 ? "M" : "L"}${px(i).toFixed(1)},${py(p.patience).toFixed(1)}`)
    .join(" ");
  const described = points.map((p) => `${p.label} ${p.patience}`).join(", ");
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${left + w + 16} ${top + h + f * 3 + 10}`}
      className="h-auto w-full max-w-2xl"
    >
      <title id={`${id}-title`}>{t("report.moodChartTitle")}</title>
      <desc id={`${id}-desc`}>{t("report.moodChartDesc", { points: described })}</desc>
      <YAxisTitle x={f} y={top + h / 2} size={f}>
        {t("report.axisPatience")}
      </YAxisTitle>
      {[0, 50, 100].map((v) => (
        <g key={v}>
          <line x1={left} x2={left + w} y1={py(v)} y2={py(v)} stroke="#cbd5e1" />
          <text x={left - 6} y={py(v) + f / 3} fontSize={f} textAnchor="end" fill="#334155">
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
          {tickShown(i, points.length, size.ticks) ? (
            <text x={px(i)} y={top + h + f + 4} fontSize={f} textAnchor="middle" fill="#334155" data-tick="">
              {p.tick ?? String(i)}
            </text>
          ) : null}
        </g>
      ))}
      <text x={left + w / 2} y={top + h + f * 2 + 10} fontSize={f} fontWeight={600} textAnchor="middle" fill="#334155">
        {t("report.axisTurn")}
      </text>
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
  if (points.length < 2) return null;
  return (
    <figure className="rounded-lg border border-slate-300 bg-white p-4">
      <TwoSizes render={(size) => <ProgressSvg points={points} description={description} size={size} />} />
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

function ProgressSvg({
  points,
  description,
  size,
}: {
  points: ProgressPoint[];
  description: string;
  size: ChartSize;
}) {
  const t = useT();
  const id = useId();
  const { f, left, top, w, h, px, py } = lineFrame(size, points.length, size === COMPACT ? 200 : 180);
  const marker = points.length > 30 ? 2.5 : 4;
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${left + w + 16} ${top + h + f * 3 + 10}`}
      className="h-auto w-full max-w-3xl"
    >
      <title id={`${id}-title`}>{t("report.progressChartTitle")}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <YAxisTitle x={f} y={top + h / 2} size={f}>
        {t("report.axisScore")}
      </YAxisTitle>
      {(size === COMPACT ? [0, 50, 100] : [0, 25, 50, 75, 100]).map((v) => (
        <g key={v}>
          <line x1={left} x2={left + w} y1={py(v)} y2={py(v)} stroke="#e2e8f0" />
          <text x={left - 6} y={py(v) + f / 3} fontSize={f} textAnchor="end" fill="#334155">
            {v}
          </text>
        </g>
      ))}
      {points.map((p, i) =>
        tickShown(i, points.length, size.ticks) ? (
          <text key={i} x={px(i)} y={top + h + f + 4} fontSize={f} textAnchor="middle" fill="#334155">
            {i + 1}
          </text>
        ) : null,
      )}
      <text x={left + w / 2} y={top + h + f * 2 + 10} fontSize={f} fontWeight={600} textAnchor="middle" fill="#334155">
        {t("report.axisCalls")}
      </text>
      {DIMENSIONS.map((d) => (
        <g key={d}>
          <path
            d={points
              .map((p, i) => `${i === 0 ? "M" : "L"}${px(i).toFixed(1)},${py(p[d]).toFixed(1)}`)
              .join(" ")}
            fill="none"
            stroke={DIMENSION_COLOR[d]}
            strokeWidth={size === COMPACT ? 2 : 2.5}
            strokeDasharray={DIMENSION_DASH[d]}
          />
          {points.map((p, i) =>
            d === "empathy" ? (
              <circle key={i} cx={px(i)} cy={py(p[d])} r={marker} fill={DIMENSION_COLOR[d]} />
            ) : d === "resolution" ? (
              <rect
                key={i}
                x={px(i) - marker}
                y={py(p[d]) - marker}
                width={marker * 2}
                height={marker * 2}
                fill={DIMENSION_COLOR[d]}
              />
            ) : (
              <path
                key={i}
                d={`M${px(i)},${py(p[d]) - marker * 1.25} l${marker * 1.25},${marker * 2.25} h-${marker * 2.5} z`}
                fill={DIMENSION_COLOR[d]}
              />
            ),
          )}
        </g>
      ))}
    </svg>
  );
}
