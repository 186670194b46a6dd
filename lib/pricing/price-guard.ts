import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/money";

// PRODUCT.md §4's price guard: no member or flash price below the product's floor price or above
// its regular price. Pure, so member prices, flash sales, forms and the API refuse alike.

export interface PriceLimits {
  /** The regular price, in minor units. */
  price: number;
  /** The lowest price the owner will sell at, in minor units; null means no floor beyond 0. */
  floorPrice: number | null;
}

export interface MoneyContext {
  currency: string;
  /** The reader's locale for the amounts named in the refusal (defaults to English). */
  locale?: string;
}

export interface PriceGuardOptions {
  /** Flash prices must undercut the regular price, not merely not exceed it. */
  strictlyBelowRegular?: boolean;
}

/** Whether a price stands within [floor, regular]: a member price set before either moved may not. */
export function withinPriceLimits(candidate: number, limits: PriceLimits): boolean {
  return candidate >= (limits.floorPrice ?? 0) && candidate <= limits.price;
}

/**
 * Refuses a candidate price (minor units) outside [floor, regular] with a typed AppError whose
 * message names the limit and the value. Returns the price when it passes.
 */
export function assertPriceWithinLimits(
  candidate: number,
  limits: PriceLimits,
  money: MoneyContext,
  options: PriceGuardOptions = {},
): number {
  const locale = money.locale ?? "en";
  const fmt = (minor: number) => formatMoney(minor, money.currency, locale);
  if (!Number.isSafeInteger(candidate) || candidate < 0) {
    throw new AppError(
      "invalid",
      "A price must be a whole, non-negative number of minor units.",
      "pricing.errors.priceNotWhole",
    );
  }
  const floor = limits.floorPrice ?? 0;
  if (candidate < floor) {
    throw new AppError(
      "price_below_floor",
      `The price ${fmt(candidate)} is below the floor price of ${fmt(floor)}.`,
      "pricing.errors.priceBelowFloor",
      { price: fmt(candidate), limit: fmt(floor) },
      [{ path: "price", message: `below the floor price ${fmt(floor)}` }],
    );
  }
  if (options.strictlyBelowRegular ? candidate >= limits.price : candidate > limits.price) {
    const strict = options.strictlyBelowRegular === true;
    throw new AppError(
      "price_above_regular",
      strict
        ? `The price ${fmt(candidate)} must be lower than the regular price of ${fmt(limits.price)}.`
        : `The price ${fmt(candidate)} is above the regular price of ${fmt(limits.price)}.`,
      strict ? "pricing.errors.priceNotBelowRegular" : "pricing.errors.priceAboveRegular",
      { price: fmt(candidate), limit: fmt(limits.price) },
      [{ path: "price", message: `${strict ? "not below" : "above"} the regular price ${fmt(limits.price)}` }],
    );
  }
  return candidate;
}

/** The price after a whole percent off the regular price, rounded half up to the minor unit. */
export function priceFromPercentOff(regularPrice: number, percentOff: number): number {
  if (!Number.isInteger(percentOff) || percentOff < 1 || percentOff > 99) {
    throw new AppError(
      "invalid",
      `Percent off must be a whole number from 1 to 99 (got ${percentOff}).`,
      "pricing.errors.percentOffRange",
      { value: String(percentOff) },
      [{ path: "percentOff", message: "must be a whole number from 1 to 99" }],
    );
  }
  // Integer numerator: the only fraction left is the division by 100, exact at .5 for money-sized values.
  return Math.round((regularPrice * (100 - percentOff)) / 100);
}

/** Percent off → price, then the same guard as a fixed price. */
export function guardedPriceFromPercentOff(
  percentOff: number,
  limits: PriceLimits,
  money: MoneyContext,
  options: PriceGuardOptions = {},
): number {
  return assertPriceWithinLimits(priceFromPercentOff(limits.price, percentOff), limits, money, options);
}
