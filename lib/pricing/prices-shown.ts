import { tiers, type Tier } from "@/db/schema/scoring";

/**
 * A product's member prices as a page showed them, in one line ("silver:9500,gold:15%"): the
 * form sends it back, and a save finding other prices in force (the API's PUT, another owner's
 * save) is refused; the form sends every tier, and would put back what it showed.
 */
export function memberPricesShown(prices: readonly { tier: Tier; fixedPrice: number | null; percentOff: number | null }[]): string {
  return [...prices]
    .sort((a, b) => tiers.indexOf(a.tier) - tiers.indexOf(b.tier))
    .map((p) => `${p.tier}:${p.fixedPrice ?? `${p.percentOff}%`}`)
    .join(",");
}

export interface ProductPricesInput {
  /** Minor units. */
  price: number;
  /** Minor units; null: no floor beyond 0. */
  floorPrice: number | null;
  stock: number;
}

/** A product's prices and stock as a page showed them, in one line ("4090:2860:462"): the form sends it back. */
export const productPricesShown = (p: ProductPricesInput) => `${p.price}:${p.floorPrice ?? ""}:${p.stock}`;
