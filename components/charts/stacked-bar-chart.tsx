"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, Rectangle, Tooltip, useChartWidth, XAxis, YAxis, type BarShapeProps } from "recharts";
import { labelColumnWidth, wrapLabel, wrappedWidth } from "@/lib/render/fit-label";
import { formatValue } from "./format";
import { legendText } from "./legend-text";

export interface StackSeries {
  key: string;
  label: string;
  color: string;
}

export interface StackDatum {
  key: string;
  label: string;
  values: Record<string, number>;
  /** The list behind each segment, by series key. */
  hrefs: Record<string, string>;
}

const TICK_FONT = 12;
const TICK_GAP = 12;
const MIN_LABEL_COLUMN = 48;
/** The label column's most of the chart's width: the bars keep the rest. */
const LABEL_SHARE = 0.4;
const WRAPPED_LINES = 2;

/**
 * How the category labels are set in a chart `chartWidth` wide: each on one line when the longest
 * fits in its share of the width (a desktop), else each broken onto two lines between words (any
 * ideographs), the column as wide as the widest of them needs, still within its share (a phone).
 * Only a label too long for two lines there is cut, its full name in the tick's tooltip.
 */
export function categoryLabelLayout(labels: string[], chartWidth: number): { width: number; lines: number } {
  const room = Math.max(MIN_LABEL_COLUMN, Math.floor(chartWidth * LABEL_SHARE));
  const oneLine = labelColumnWidth(labels, TICK_FONT, { min: MIN_LABEL_COLUMN, max: Infinity, gap: TICK_GAP });
  if (oneLine <= room) return { width: oneLine, lines: 1 };
  const wrapped = Math.max(0, ...labels.map((label) => wrappedWidth(label, TICK_FONT, WRAPPED_LINES))) + TICK_GAP;
  return { width: Math.min(room, Math.max(MIN_LABEL_COLUMN, wrapped)), lines: WRAPPED_LINES };
}

/**
 * The category axis, set by the chart's own width (recharts measures it): a long type name was cut
 * to a 160 px column, "Unfair platform tr…", and on a phone that column took half the bars' room.
 */
function CategoryAxis({ labels }: { labels: string[] }) {
  const { width, lines } = categoryLabelLayout(labels, useChartWidth() ?? 0);
  const lineHeight = Math.round(TICK_FONT * 1.2);
  const tick = (props: { x?: number | string; y?: number | string; fill?: string; payload?: { value?: unknown } }) => {
    const label = String(props.payload?.value ?? "");
    const wrapped = wrapLabel(label, width - TICK_GAP, TICK_FONT, lines);
    const x = Number(props.x);
    return (
      <text className="recharts-cartesian-axis-tick-value" x={x} y={Number(props.y)} textAnchor="end" dominantBaseline="central" fontSize={TICK_FONT} fill={props.fill ?? "#666"}>
        {wrapped.cut && <title>{label}</title>}
        {wrapped.lines.map((line, i) => (
          <tspan key={i} x={x} dy={i === 0 ? (-(wrapped.lines.length - 1) * lineHeight) / 2 : lineHeight}>
            {line}
          </tspan>
        ))}
      </text>
    );
  };
  return <YAxis type="category" dataKey="label" width={width} interval={0} tick={tick} />;
}

/**
 * Horizontal stacked bars: one bar per category, one segment per series (e.g. disputes by type,
 * split by status). Each segment is a link to the list it counts.
 */
export function StackedBarChart({
  data,
  series,
  locale,
  label,
  height,
}: {
  data: StackDatum[];
  series: StackSeries[];
  locale: string;
  label: string;
  height?: number;
}) {
  // "label: text" in the reader's language (Chinese takes a full-width colon).
  const tShell = useTranslations("shell");
  const labelled = (values: { label: string; text: string }) => tShell("labelled", values);
  const count = { kind: "count" as const, locale };
  const rows = data.map((d) => ({ key: d.key, label: d.label, hrefs: d.hrefs, ...d.values }));
  const shape = (s: StackSeries) =>
    function Segment(props: BarShapeProps) {
      const row = props.payload as (typeof rows)[number] & Record<string, number>;
      const value = Number(row[s.key] ?? 0);
      const rect = <Rectangle x={props.x} y={props.y} width={props.width} height={props.height} fill={s.color} />;
      const href = row.hrefs[s.key];
      if (!href || value === 0) return rect;
      return (
        <a href={href} aria-label={labelled({ label: tShell("categorySeries", { category: row.label, series: s.label }), text: formatValue(value, count) })} data-key={`${row.key}-${s.key}`}>
          {rect}
        </a>
      );
    };
  return (
    <BarChart
      responsive
      layout="vertical"
      data={rows}
      title={label}
      // Rows of two-line labels (a phone's) keep apart.
      style={{ width: "100%", height: height ?? Math.max(180, 40 * rows.length + 80) }}
      margin={{ top: 8, right: 24, bottom: 4, left: 8 }}
    >
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => formatValue(v, count, true)} />
      <CategoryAxis labels={rows.map((r) => r.label)} />
      <Tooltip cursor={{ fill: "rgba(0,0,0,0.04)" }} formatter={(value, name) => [formatValue(Number(value), count), name]} />
      <Legend formatter={legendText} />
      {series.map((s) => (
        <Bar key={s.key} dataKey={s.key} name={s.label} stackId="stack" fill={s.color} shape={shape(s)} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}
