/**
 * Inline SVG charts, drawn on the server (no script, no inline style: presentation attributes
 * only): a row's activity sparkline and a person's strength history.
 *
 * @example
 * <Sparkline counts={[0, 2, 5, 1]} label="interactions per month, last 12 months" />
 */
import type { StrengthPoint } from "../signals/strength-history.js";

export function Sparkline(props: { counts: number[]; label: string }) {
  const w = 96;
  const h = 22;
  const max = Math.max(1, ...props.counts);
  const step = props.counts.length > 1 ? w / (props.counts.length - 1) : w;
  const points = props.counts
    .map((n, i) => `${(i * step).toFixed(1)},${(h - 2 - (n / max) * (h - 4)).toFixed(1)}`)
    .join(" ");
  return (
    <svg
      class="spark"
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label={props.label}
    >
      <polyline points={points} fill="none" stroke="#0b57a4" stroke-width="1.5" />
    </svg>
  );
}

export function StrengthChart(props: { points: StrengthPoint[] }) {
  const { points } = props;
  const w = 640;
  const h = 200;
  const left = 36;
  const bottom = 24;
  const plotW = w - left - 8;
  const plotH = h - bottom - 8;
  const x = (i: number) =>
    left + (points.length > 1 ? (i / (points.length - 1)) * plotW : plotW / 2);
  const y = (s: number) => 8 + (1 - s) * plotH;
  const line = points.map((p, i) => `${x(i).toFixed(1)},${y(p.strength).toFixed(1)}`).join(" ");
  const maxEvents = Math.max(1, ...points.map((p) => p.events));
  const barW = Math.max(1, plotW / Math.max(1, points.length) - 1);
  const ticks = points.filter((_, i) => i % Math.max(1, Math.ceil(points.length / 8)) === 0);
  const first = points[0];
  const last = points.at(-1);
  const label =
    first && last
      ? `Tie strength by month from ${first.month} (${first.strength.toFixed(2)}) to ${last.month} (${last.strength.toFixed(2)})`
      : "No history yet";
  return (
    <svg class="chart" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label}>
      <title>{label}</title>
      {[0, 0.25, 0.5, 0.75, 1].map((s) => (
        <g>
          <line x1={left} x2={w - 8} y1={y(s)} y2={y(s)} stroke="#d0d0d0" stroke-width="1" />
          <text x={left - 4} y={y(s) + 4} text-anchor="end" font-size="11" fill="#555">
            {s.toFixed(2)}
          </text>
        </g>
      ))}
      {points.map((p, i) => (
        <rect
          x={x(i) - barW / 2}
          y={h - bottom - (p.events / maxEvents) * plotH * 0.3}
          width={barW}
          height={(p.events / maxEvents) * plotH * 0.3}
          fill="#c9d8ee"
        >
          <title>{`${p.month}: ${p.events} interactions, strength ${p.strength.toFixed(2)}`}</title>
        </rect>
      ))}
      <polyline points={line} fill="none" stroke="#6a1b9a" stroke-width="2.5" />
      {ticks.map((p) => (
        <text x={x(points.indexOf(p))} y={h - 6} text-anchor="middle" font-size="11" fill="#555">
          {p.month}
        </text>
      ))}
    </svg>
  );
}
