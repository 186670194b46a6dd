"use client";

import { useTranslations } from "next-intl";
import { Area, AreaChart, CartesianGrid, ReferenceDot, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { brandColor, mutedColor } from "./colors";
import { formatValue } from "./format";
import { labelColor } from "./legend-text";

export interface ConcentrationDatum {
  topPercent: number;
  spendShare: number;
}

/**
 * The Pareto curve: x% of the customers (ranked by net spend) bring y% of it. The diagonal is
 * what an even spread would look like; the marked point is the headline figure.
 */
export function ConcentrationChart({
  data,
  marked,
  locale,
  label,
  xLabel,
  yLabel,
  evenLabel,
  height = 280,
}: {
  data: ConcentrationDatum[];
  marked: ConcentrationDatum;
  locale: string;
  label: string;
  xLabel: string;
  yLabel: string;
  evenLabel: string;
  height?: number;
}) {
  // "label: text" in the reader's language (Chinese takes a full-width colon).
  const tShell = useTranslations("shell");
  const labelled = (values: { label: string; text: string }) => tShell("labelled", values);
  const percent = { kind: "percent" as const, locale };
  const points = [{ topPercent: 0, spendShare: 0 }, ...data].map((d) => ({ ...d, even: d.topPercent / 100 }));
  return (
    <AreaChart responsive data={points} title={label} style={{ width: "100%", height }} margin={{ top: 16, right: 24, bottom: 16, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis
        dataKey="topPercent"
        type="number"
        domain={[0, 100]}
        ticks={[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]}
        tickFormatter={(v: number) => formatValue(v / 100, percent)}
        label={{ value: xLabel, position: "insideBottom", offset: -10, fontSize: 12, fill: labelColor }}
      />
      <YAxis width={56} domain={[0, 1]} tickFormatter={(v: number) => formatValue(v, percent)} />
      <Tooltip
        labelFormatter={(v) => labelled({ label: xLabel, text: formatValue(Number(v) / 100, percent) })}
        formatter={(value, name) => [formatValue(Number(value), percent), name]}
      />
      {/* The diagonal's name sits under its middle, in the empty lower right: at the plot's top
          left corner ("insideTopLeft" of the segment's box) it read as the curve's or the axis's. */}
      <ReferenceLine
        segment={[{ x: 0, y: 0 }, { x: 100, y: 1 }]}
        stroke={mutedColor}
        strokeDasharray="4 4"
        label={({ viewBox }: { viewBox?: { x?: number; y?: number; width?: number; height?: number } }) => {
          const { x = 0, y = 0, width = 0, height = 0 } = viewBox ?? {};
          return (
            <text x={x + width / 2 + 8} y={y + height / 2 + 16} fontSize={11} fill={labelColor} data-testid="even-spread-label">
              {evenLabel}
            </text>
          );
        }}
      />
      <Area type="monotone" dataKey="spendShare" name={yLabel} stroke={brandColor} fill={brandColor} fillOpacity={0.15} isAnimationActive={false} />
      <ReferenceDot x={marked.topPercent} y={marked.spendShare} r={5} fill={brandColor} stroke="white" />
    </AreaChart>
  );
}
