/**
 * Average scores per week and dimension as a line chart (hand-written SVG: three lines over at
 * most a few dozen points, simpler than a library) with the same figures in a table for screen
 * readers and for reading exact values. Lines differ by colour and by dash, never colour alone.
 */
import { DIMENSION_LABEL } from "../i18n/labels";
import { useLocale, useT } from "../i18n/react";
import type { ProgressPoint } from "../progress/certification.server";
import { formatDate } from "./dates";

const DIMS = [
  { key: "empathy", color: "#0f766e", dash: "" },
  { key: "resolution", color: "#1d4ed8", dash: "6 4" },
  { key: "anticipation", color: "#9a3412", dash: "2 3" },
] as const;

export function ProgressChart({ points, id }: { points: ProgressPoint[]; id: string }) {
  const t = useT();
  const locale = useLocale();
  const W = 640;
  const H = 220;
  const pad = { l: 36, r: 12, t: 10, b: 28 };
  const x = (i: number) => pad.l + (points.length <= 1 ? (W - pad.l - pad.r) / 2 : (i * (W - pad.l - pad.r)) / (points.length - 1));
  const y = (v: number) => pad.t + ((100 - v) * (H - pad.t - pad.b)) / 100;
  return (
    <figure className="rounded-lg border border-slate-300 bg-white p-3">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full max-w-3xl" role="img" aria-labelledby={`${id}-title`}>
        <title id={`${id}-title`}>{t("certification.progressTableCaption")}</title>
        {[0, 25, 50, 75, 100].map((v) => (
          <g key={v}>
            <line x1={pad.l} x2={W - pad.r} y1={y(v)} y2={y(v)} stroke="#cbd5e1" />
            <text x={pad.l - 6} y={y(v) + 4} textAnchor="end" fontSize="11" fill="#334155">
              {v}
            </text>
          </g>
        ))}
        {points.map((p, i) =>
          i % Math.max(1, Math.ceil(points.length / 6)) === 0 ? (
            <text key={p.week} x={x(i)} y={H - 8} textAnchor="middle" fontSize="11" fill="#334155">
              {formatDate(`${p.week}T00:00:00Z`, locale)}
            </text>
          ) : null,
        )}
        {DIMS.map((d) => (
          <g key={d.key}>
            <polyline
              fill="none"
              stroke={d.color}
              strokeWidth="2.5"
              strokeDasharray={d.dash}
              points={points.map((p, i) => `${x(i)},${y(p[d.key])}`).join(" ")}
            />
            {points.map((p, i) => (
              <circle key={p.week} cx={x(i)} cy={y(p[d.key])} r="3" fill={d.color} />
            ))}
          </g>
        ))}
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-sm text-slate-800">
        {DIMS.map((d) => (
          <span key={d.key} className="flex items-center gap-1">
            <svg width="28" height="8" aria-hidden="true">
              <line x1="0" x2="28" y1="4" y2="4" stroke={d.color} strokeWidth="2.5" strokeDasharray={d.dash} />
            </svg>
            {t(DIMENSION_LABEL[d.key])}
          </span>
        ))}
      </figcaption>
      <details className="mt-2">
        <summary className="cursor-pointer font-semibold text-brand-800">{t("certification.progressTableCaption")}</summary>
        <table className="mt-2 text-left text-sm">
          <thead>
            <tr>
              <th scope="col" className="px-2">{t("certification.colWeek")}</th>
              <th scope="col" className="px-2 text-right">{t("certification.colCalls")}</th>
              {DIMS.map((d) => (
                <th key={d.key} scope="col" className="px-2 text-right">
                  {t(DIMENSION_LABEL[d.key])}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.week}>
                <th scope="row" className="px-2 font-normal">{formatDate(`${p.week}T00:00:00Z`, locale)}</th>
                <td className="px-2 text-right tabular-nums">{p.calls}</td>
                {DIMS.map((d) => (
                  <td key={d.key} className="px-2 text-right tabular-nums">
                    {p[d.key]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
