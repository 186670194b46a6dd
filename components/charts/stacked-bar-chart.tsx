"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, Rectangle, Tooltip, XAxis, YAxis, type BarShapeProps } from "recharts";
import { fitLabel, labelColumnWidth } from "@/lib/render/fit-label";
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
  // A long type name is cut to the label column with an ellipsis; the tooltip names it in full.
  const labelWidth = labelColumnWidth(rows.map((r) => r.label), 12, { min: 48, max: 160 });
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
      style={{ width: "100%", height: height ?? Math.max(180, 36 * rows.length + 70) }}
      margin={{ top: 8, right: 24, bottom: 4, left: 8 }}
    >
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => formatValue(v, count, true)} />
      <YAxis
        type="category"
        dataKey="label"
        width={labelWidth}
        interval={0}
        tick={{ fontSize: 12 }}
        tickFormatter={(label: unknown) => fitLabel(String(label), labelWidth - 12, 12)}
      />
      <Tooltip cursor={{ fill: "rgba(0,0,0,0.04)" }} formatter={(value, name) => [formatValue(Number(value), count), name]} />
      <Legend formatter={legendText} />
      {series.map((s) => (
        <Bar key={s.key} dataKey={s.key} name={s.label} stackId="stack" fill={s.color} shape={shape(s)} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}
