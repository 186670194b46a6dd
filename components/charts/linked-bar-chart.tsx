"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, LabelList, Rectangle, Text, Tooltip, XAxis, YAxis, type BarShapeProps } from "recharts";
import { fitLabel, labelColumnWidth, textWidth } from "@/lib/render/fit-label";
import { brandColor } from "./colors";
import { formatValue, type ValueFormat } from "./format";

const TICK_FONT = 12;
const VALUE_FONT = 11;
/** What a 320 px phone leaves a chart's bars once the page's, the card's and the axis's room is taken. */
const NARROWEST_PLOT = 168;
/** Labels this far apart at least, or they are slanted. */
const TICK_GAP = 6;
const SLANT = -35;

export interface BarDatum {
  key: string;
  label: string;
  value: number;
  /** The filtered list behind this bar: the bar is a link to it. */
  href?: string;
  color?: string;
  /** A second line for the tooltip (e.g. "1,234 customers"). */
  detail?: string;
  /**
   * What a sideways chart's axis writes for the bar, a line each (a flash sale's product, then its
   * date), each cut to the axis on its own; `label` by default. The tooltip and the link keep `label`.
   */
  tickLines?: string[];
}

/**
 * One bar per datum, each bar a link (an SVG <a>, so it works by keyboard and without
 * JavaScript routing) to the list behind it. Horizontal bars (`layout="vertical"`) suit long
 * labels such as "金牌 → 钻石".
 */
export function LinkedBarChart({
  data,
  format,
  label,
  height = 260,
  layout = "horizontal",
}: {
  data: BarDatum[];
  format: ValueFormat;
  /** What the chart shows, for screen readers (its table is the full alternative). */
  label: string;
  height?: number;
  layout?: "horizontal" | "vertical";
}) {
  // "label: text" in the reader's language (Chinese takes a full-width colon).
  const tShell = useTranslations("shell");
  const labelled = (values: { label: string; text: string }) => tShell("labelled", values);
  const shape = (props: BarShapeProps) => {
    const datum = props.payload as BarDatum;
    const rect = (
      <Rectangle x={props.x} y={props.y} width={props.width} height={props.height} fill={datum.color ?? brandColor} radius={2} />
    );
    // A bar of 0 has no area: as a link it was a keyboard stop no one could see (the chart's
    // table links the same customers).
    if (!datum.href || datum.value === 0) return rect;
    return (
      <a href={datum.href} aria-label={labelled({ label: datum.label, text: formatValue(datum.value, format) })} data-key={datum.key} className="cursor-pointer">
        {rect}
      </a>
    );
  };
  const vertical = layout === "vertical";
  const valueAxis = { type: "number" as const, tickFormatter: (v: number) => formatValue(v, format, true), allowDecimals: format.kind !== "count" };
  // Long names (a flash sale's product) are cut to the axis with an ellipsis; the tooltip and the
  // bar's link name them in full. Sideways, the label column is as wide as the longest label, up
  // to a third of a phone's width.
  const labelWidth = vertical ? labelColumnWidth(data.flatMap((d) => d.tickLines ?? [d.label]), TICK_FONT, { min: 48, max: 150 }) : 0;
  const fit = (maxWidth: number) => (label: unknown) => fitLabel(String(label), maxWidth, TICK_FONT);
  const categoryAxis = { type: "category" as const, dataKey: "label", interval: 0 as const, tick: { fontSize: TICK_FONT } };
  // A few bars' labels stand straight under them while each fits its bar's width; where one does
  // not (five English tiers on a phone read "DiamondCrown"), all of them slant, as many bars'
  // always do. Room under the axis is kept for slanting when a phone could need it.
  const longestLabel = Math.max(0, ...data.map((d) => textWidth(fitLabel(d.label, 96, TICK_FONT), TICK_FONT)));
  const mayCrowd = longestLabel > NARROWEST_PLOT / Math.max(1, data.length) - TICK_GAP;
  const fewBarsTick = (props: { x?: number | string; y?: number | string; width?: number | string; visibleTicksCount?: number; fill?: string; payload?: { value?: unknown } }) => {
    const band = Number(props.width) / Math.max(1, props.visibleTicksCount ?? data.length);
    const slanted = longestLabel > band - TICK_GAP;
    return (
      <Text
        className="recharts-cartesian-axis-tick-value"
        x={Number(props.x)}
        y={Number(props.y)}
        angle={slanted ? SLANT : 0}
        textAnchor={slanted ? "end" : "middle"}
        verticalAnchor="start"
        fontSize={TICK_FONT}
        fill={props.fill ?? "#666"}
      >
        {fit(slanted ? 72 : 96)(props.payload?.value ?? "")}
      </Text>
    );
  };
  // Sideways, the axis is the bars' keys and each tick writes its own lines: recharts' own tick
  // broke a label at its spaces after fitLabel had cut it for one line, so "精选安岳柠檬3袋装 · 12月3日"
  // read "精选安岳柠檬3袋装 ·" over a lone "…" and the sale's date was lost.
  const byKey = new Map(data.map((d) => [d.key, d]));
  const tickLineHeight = Math.round(TICK_FONT * 1.2);
  const sidewaysTick = (props: { x?: number | string; y?: number | string; fill?: string; payload?: { value?: unknown } }) => {
    const datum = byKey.get(String(props.payload?.value));
    const lines = (datum?.tickLines ?? [datum?.label ?? String(props.payload?.value ?? "")]).map(fit(labelWidth - 12));
    const x = Number(props.x);
    return (
      <text className="recharts-cartesian-axis-tick-value" x={x} y={Number(props.y)} textAnchor="end" dominantBaseline="central" fontSize={TICK_FONT} fill={props.fill ?? "#666"}>
        {lines.map((line, i) => (
          <tspan key={i} x={x} dy={i === 0 ? (-(lines.length - 1) * tickLineHeight) / 2 : tickLineHeight}>
            {line}
          </tspan>
        ))}
      </text>
    );
  };
  // The number over a bar is the one its table gives (1,227, not "1.2K"); only money, whose full
  // amount is too long to sit over a bar, is shortened. Room is kept after the longest bar for it
  // ("100%" was cut off at the chart's edge).
  const valueLabel = (v: unknown) => formatValue(Number(v), format, format.kind === "money");
  const valueRoom = Math.ceil(Math.max(0, ...data.map((d) => textWidth(valueLabel(d.value), VALUE_FONT)))) + 12;
  return (
    <BarChart
      responsive
      data={data}
      layout={layout}
      title={label}
      style={{ width: "100%", height }}
      margin={{ top: 16, right: vertical ? Math.max(24, valueRoom) : 24, bottom: 4, left: vertical ? 8 : 0 }}
    >
      <CartesianGrid strokeDasharray="3 3" vertical={vertical} horizontal={!vertical} />
      {vertical ? (
        <XAxis {...valueAxis} />
      ) : data.length > 6 ? (
        // Many bars (the ten score bands): the labels are slanted, or "10–20" ran into "20–30".
        <XAxis {...categoryAxis} tickFormatter={fit(72)} angle={SLANT} textAnchor="end" height={44} />
      ) : (
        <XAxis {...categoryAxis} tick={fewBarsTick} height={mayCrowd ? 44 : 30} />
      )}
      {vertical ? (
        <YAxis {...categoryAxis} dataKey="key" width={labelWidth} tick={sidewaysTick} />
      ) : (
        <YAxis {...valueAxis} width={64} />
      )}
      <Tooltip
        cursor={{ fill: "rgba(0,0,0,0.04)" }}
        labelFormatter={(category) => (vertical ? (byKey.get(String(category))?.label ?? String(category)) : String(category))}
        formatter={(value, _name, item) => {
          const datum = item.payload as BarDatum;
          return [datum.detail ? tShell("parenthetical", { text: formatValue(Number(value), format), note: datum.detail }) : formatValue(Number(value), format), label];
        }}
      />
      <Bar dataKey="value" name={label} shape={shape} isAnimationActive={false}>
        <LabelList
          dataKey="value"
          position={vertical ? "right" : "top"}
          fontSize={VALUE_FONT}
          fill="#57534e"
          formatter={valueLabel}
        />
      </Bar>
    </BarChart>
  );
}
