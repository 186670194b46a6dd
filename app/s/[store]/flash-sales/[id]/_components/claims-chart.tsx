"use client";

import { Bar, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from "recharts";

export interface ClaimsPoint {
  /** The interval's start in full (the tooltip's, the table's): unique, so it is the axis's key. */
  label: string;
  /** The same, short for the axis (storeTimeTick). */
  tick: string;
  units: number;
  total: number;
}

/** Units claimed per interval (bars) and the running total (line). The page also shows a table. */
export function ClaimsChart({ data, label, unitsLabel, totalLabel }: { data: ClaimsPoint[]; label: string; unitsLabel: string; totalLabel: string }) {
  const ticks = new Map(data.map((p) => [p.label, p.tick]));
  return (
    <ComposedChart responsive data={data} title={label} style={{ width: "100%", height: 240 }} margin={{ top: 12, right: 8, bottom: 4, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" tick={{ fontSize: 11 }} tickFormatter={(value: string) => ticks.get(value) ?? value} />
      <YAxis yAxisId="units" width={40} allowDecimals={false} />
      <YAxis yAxisId="total" orientation="right" width={40} allowDecimals={false} />
      <Tooltip />
      <Bar yAxisId="units" dataKey="units" name={unitsLabel} fill="#e11d48" isAnimationActive={false} />
      <Line yAxisId="total" dataKey="total" name={totalLabel} stroke="#57534e" dot={false} isAnimationActive={false} />
    </ComposedChart>
  );
}
