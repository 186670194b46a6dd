/**
 * The average order value in whole minor units, as the pages and the download show it: rounded
 * once, from the exact spend and order count. The API's `averageOrderValue` keeps hundredths of a
 * minor unit, and rounding that again is off by one when the hundredths round up to a half
 * (10,150 fen over 101 orders is 100.495…, shown as 101 instead of 100).
 */
export function averageOrderMinor({ spend, orders }: { spend: number; orders: number }): number | null {
  return orders > 0 ? Math.round(spend / orders) : null;
}
