// Legend entries keep their series' colour on the swatch only: the text in those colours (gold,
// sky, muted stone) was too faint to read on white.
export const legendTextColor = "#44403c";
// Axis and reference-line labels, a dark stone for small text.
export const labelColor = "#57534e";

export function legendText(value: string) {
  return <span style={{ color: legendTextColor }}>{value}</span>;
}
