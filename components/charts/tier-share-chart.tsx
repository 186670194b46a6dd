"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, Rectangle, Tooltip, XAxis, YAxis, type BarShapeProps } from "recharts";
import { mutedColor } from "./colors";
import { formatValue } from "./format";
import { legendText } from "./legend-text";

export interface TierShareDatum {
  key: string;
  label: string;
  customerShare: number;
  spendShare: number;
  color: string;
  href: string;
}

/**
 * Per tier, its share of the customers next to its share of the net spend: the few in the top
 * tiers who bring most of it stand out. Each pair of bars links to the tier's customers.
 */
export function TierShareChart({
  data,
  locale,
  label,
  customersLabel,
  spendLabel,
  height = 280,
}: {
  data: TierShareDatum[];
  locale: string;
  label: string;
  customersLabel: string;
  spendLabel: string;
  height?: number;
}) {
  // "label: text" in the reader's language (Chinese takes a full-width colon).
  const tShell = useTranslations("shell");
  const labelled = (values: { label: string; text: string }) => tShell("labelled", values);
  const percent = { kind: "percent" as const, locale };
  const shape = (series: "customerShare" | "spendShare") =>
    function TierShareBar(props: BarShapeProps) {
      const datum = props.payload as TierShareDatum;
      const fill = series === "spendShare" ? datum.color : mutedColor;
      const name = series === "spendShare" ? spendLabel : customersLabel;
      const rect = <Rectangle x={props.x} y={props.y} width={props.width} height={props.height} fill={fill} radius={2} />;
      // A bar of 0 draws nothing: no link, so it is no empty Tab stop (the table lists it).
      if (datum[series] === 0) return rect;
      return (
        <a href={datum.href} aria-label={labelled({ label: tShell("categorySeries", { category: datum.label, series: name }), text: formatValue(datum[series], percent) })} data-key={datum.key}>
          {rect}
        </a>
      );
    };
  return (
    <BarChart responsive data={data} title={label} style={{ width: "100%", height }} margin={{ top: 16, right: 16, bottom: 4, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" interval={0} tick={{ fontSize: 12 }} />
      <YAxis width={56} domain={[0, 1]} tickFormatter={(v: number) => formatValue(v, percent)} />
      <Tooltip cursor={{ fill: "rgba(0,0,0,0.04)" }} formatter={(value, name) => [formatValue(Number(value), percent), name]} />
      <Legend formatter={legendText} />
      <Bar dataKey="customerShare" name={customersLabel} fill={mutedColor} shape={shape("customerShare")} isAnimationActive={false} />
      <Bar dataKey="spendShare" name={spendLabel} fill="#d97706" shape={shape("spendShare")} isAnimationActive={false} />
    </BarChart>
  );
}
