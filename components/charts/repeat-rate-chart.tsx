"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { brandColor, mutedColor } from "./colors";
import { formatValue } from "./format";
import { legendText } from "./legend-text";

export interface RepeatMonthDatum {
  month: string;
  label: string;
  firstTimeBuyers: number;
  repeatBuyers: number;
  /** Null in a month without buyers: the line breaks there. */
  rate: number | null;
}

/** Buyers per month, stacked into first-time and returning, with the repeat-purchase rate as a line. */
export function RepeatRateChart({
  data,
  locale,
  label,
  repeatLabel,
  firstTimeLabel,
  rateLabel,
  height = 280,
}: {
  data: RepeatMonthDatum[];
  locale: string;
  label: string;
  repeatLabel: string;
  firstTimeLabel: string;
  rateLabel: string;
  height?: number;
}) {
  const count = { kind: "count" as const, locale };
  const percent = { kind: "percent" as const, locale };
  return (
    <ComposedChart responsive data={data} title={label} style={{ width: "100%", height }} margin={{ top: 16, right: 8, bottom: 4, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" tick={{ fontSize: 12 }} />
      {/* Buyers are whole: a store with one or two had ticks at 0.5 of a buyer. */}
      <YAxis yAxisId="buyers" width={56} allowDecimals={false} tickFormatter={(v: number) => formatValue(v, count, true)} />
      <YAxis yAxisId="rate" orientation="right" width={48} domain={[0, 1]} tickFormatter={(v: number) => formatValue(v, percent)} />
      <Tooltip
        formatter={(value, name, item) =>
          item.dataKey === "rate" ? [formatValue(Number(value), percent), name] : [formatValue(Number(value), count), name]
        }
      />
      <Legend formatter={legendText} />
      <Bar yAxisId="buyers" dataKey="repeatBuyers" name={repeatLabel} stackId="buyers" fill="#d97706" isAnimationActive={false} />
      <Bar yAxisId="buyers" dataKey="firstTimeBuyers" name={firstTimeLabel} stackId="buyers" fill={mutedColor} isAnimationActive={false} />
      <Line yAxisId="rate" dataKey="rate" name={rateLabel} stroke={brandColor} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
    </ComposedChart>
  );
}
