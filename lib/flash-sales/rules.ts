import type { Tier } from "@/db/schema/scoring";
import { AppError } from "@/lib/errors";
import type { NamedTimes } from "@/lib/i18n/store-time-text";
import { assertMoneyWithinBound } from "@/lib/money";
import { assertPriceWithinLimits } from "@/lib/pricing/price-guard";
import { unambiguousStoreDateTime } from "@/lib/store-time";
import { earlyAccessOpensAt, flashSaleStatus, type FlashSaleClock } from "./eligibility";

// PRODUCT.md §5's rules for creating and editing a sale, pure: every broken rule becomes one
// reason naming it, so the form and the API (422) can list them all at once. A draft may lack
// fields (a form whose other fields were refused): the rules that need them are left out.

export interface FlashSaleDraft {
  price: number;
  quantity: number;
  perCustomerLimit: number;
  startsAt: Date;
  endsAt: Date;
  earlyAccessTier: Tier | null;
  earlyAccessMinutes: number | null;
}

export interface ProductForSale {
  name: string;
  price: number;
  floorPrice: number | null;
  /** Stock on hand now, not counting units already set aside for this sale. */
  stock: number;
}

export interface OtherSaleWindow {
  id: number;
  startsAt: Date;
  endsAt: Date;
  earlyAccessMinutes: number | null;
  earlyAccessTier: Tier | null;
}

export interface RuleReason {
  rule: string;
  path: string;
  message: string;
  /** Catalogue key and values, so pages word it in the reader's language. */
  key: string;
  values?: Record<string, string | number>;
  /** The times the reason names, for pages to write in the reader's language (storeTimeValues). */
  times?: NamedTimes;
  /** The other sale an overlap is with, and its open window: for a page to word in its own format and link to. */
  otherSale?: { id: number; from: Date; to: Date };
}

export interface RuleFormat {
  currency: string;
  timeZone: string;
  /** The reader's locale, for amounts (default English). */
  locale?: string;
}

export class FlashSaleRulesError extends AppError {
  constructor(readonly reasons: RuleReason[]) {
    super(
      "invalid",
      reasons.map((r) => r.message).join(" "),
      undefined,
      undefined,
      reasons.map((r) => ({ path: r.path, message: r.message, rule: r.rule })),
    );
  }
}

/** The instants a sale's prices can be claimed in: early access included. */
function openWindow(sale: Pick<OtherSaleWindow, "startsAt" | "endsAt" | "earlyAccessMinutes" | "earlyAccessTier">) {
  return { from: earlyAccessOpensAt(sale) ?? sale.startsAt, to: sale.endsAt };
}

function reason(rule: string, path: string, message: string, values?: Record<string, string | number>): RuleReason {
  return { rule, path, message, key: `flashSales.rules.${rule}`, values };
}

/** The one bound of every amount (MAX_MONEY_MINOR), as a rule of the sale, worded by errors.moneyAboveMax. */
function priceAboveMax(price: number, fmt: RuleFormat): RuleReason | undefined {
  try {
    assertMoneyWithinBound(price, { path: "price", currency: fmt.currency, locale: fmt.locale });
    return undefined;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { rule: "priceAboveMax", path: "price", message: error.message, key: error.key!, values: error.values };
  }
}

/** A draft as far as its form could be read: a field missing was refused, and said so, already. */
export type DraftAsRead = Partial<FlashSaleDraft>;

/** `product` null: it was not found (a reason of its own), and the rules about it are left out. */
function draftReasons(draft: DraftAsRead, product: ProductForSale | null, stockAvailable: number, others: OtherSaleWindow[], fmt: RuleFormat) {
  const reasons: RuleReason[] = [];
  const aboveMax = draft.price === undefined ? undefined : priceAboveMax(draft.price, fmt);
  if (aboveMax) reasons.push(aboveMax);
  // A price past the bound is above the regular price too: one reason is enough.
  else if (draft.price !== undefined && product !== null) {
    try {
      assertPriceWithinLimits(draft.price, product, { currency: fmt.currency, locale: fmt.locale }, { strictlyBelowRegular: true });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      reasons.push({ rule: "priceGuard", path: "price", message: error.message, key: error.key ?? "flashSales.rules.priceGuard", values: error.values });
    }
  }
  const { quantity } = draft;
  if (quantity !== undefined && quantity < 1) reasons.push(reason("quantityTooLow", "quantity", "The quantity must be at least 1."));
  else if (quantity !== undefined && quantity > stockAvailable) {
    reasons.push(
      reason("quantityAboveStock", "quantity", `The quantity ${quantity} is more than the ${stockAvailable} in stock.`, {
        quantity,
        stock: stockAvailable,
      }),
    );
  }
  if (draft.perCustomerLimit !== undefined && draft.perCustomerLimit < 1) {
    reasons.push(reason("limitTooLow", "perCustomerLimit", "The per-customer limit must be at least 1."));
  }
  const { startsAt, endsAt, earlyAccessTier, earlyAccessMinutes } = draft;
  const timesRead = startsAt !== undefined && endsAt !== undefined;
  if (timesRead && startsAt.getTime() >= endsAt.getTime()) {
    reasons.push(reason("startNotBeforeEnd", "endsAt", "The start must be before the end."));
  }
  if (earlyAccessTier !== undefined && earlyAccessMinutes !== undefined && (earlyAccessTier === null) !== (earlyAccessMinutes === null)) {
    reasons.push(reason("earlyAccessIncomplete", "earlyAccessMinutes", "Early access needs both a minimum tier and a number of minutes."));
  }
  if (timesRead && startsAt.getTime() < endsAt.getTime()) {
    // Early access the form could not read counts as none here.
    const mine = openWindow({ startsAt, endsAt, earlyAccessTier: earlyAccessTier ?? null, earlyAccessMinutes: earlyAccessMinutes ?? null });
    for (const other of others) {
      const theirs = openWindow(other);
      if (mine.from < theirs.to && theirs.from < mine.to) {
        const values = { id: other.id, from: unambiguousStoreDateTime(theirs.from, fmt.timeZone), to: unambiguousStoreDateTime(theirs.to, fmt.timeZone) };
        reasons.push({
          // The zone named, as every other time of the API's sentences is (a claim's refusal, a
          // finished sale's): a client reading the times cannot know the store's zone otherwise.
          ...reason("overlap", "startsAt", `Another sale of this product (#${values.id}, ${values.from} – ${values.to} ${fmt.timeZone}) overlaps this time.`, values),
          otherSale: { id: other.id, ...theirs },
        });
      }
    }
  }
  return reasons;
}

/** Reasons to refuse a new sale at `now`; empty when it may be created. */
export function newSaleReasons(draft: DraftAsRead, product: ProductForSale | null, others: OtherSaleWindow[], fmt: RuleFormat, now: Date): RuleReason[] {
  const reasons = draftReasons(draft, product, product?.stock ?? Infinity, others, fmt);
  // Created ended, a sale took its units out of stock for no one to buy (and its page promised
  // claims "once the sale opens").
  if (draft.endsAt !== undefined && draft.endsAt.getTime() <= now.getTime()) reasons.push(reason("endsInPast", "endsAt", "The end is already past: a new sale must end in the future."));
  return reasons;
}

export type ExistingSale = FlashSaleClock & FlashSaleDraft & { id: number; settledAt: Date | null };

/**
 * A sale that is over cannot be changed: said with when it ended (or that it was cancelled), so
 * an owner whose page was opened before the end sees why the change they sent was refused.
 * One rule, `finished`, for the API whichever way it finished.
 */
function finishedReason(existing: ExistingSale, timeZone: string): RuleReason {
  if (existing.cancelledAt !== null) {
    return { ...reason("finished", "form", "This sale was cancelled: it can no longer be changed."), key: "flashSales.rules.finishedCancelled" };
  }
  const at = unambiguousStoreDateTime(existing.endsAt, timeZone);
  return {
    ...reason("finished", "form", `This sale ended at ${at} (${timeZone}): a sale that has ended can no longer be changed.`),
    times: { ended: { at: existing.endsAt } },
  };
}

/** Reasons to refuse an edit of an existing sale at `now`; empty when it may be saved. */
export function editReasons(
  existing: ExistingSale,
  draft: DraftAsRead,
  product: ProductForSale,
  others: OtherSaleWindow[],
  now: Date,
  fmt: RuleFormat,
): RuleReason[] {
  const status = flashSaleStatus(existing, now);
  if (status === "ended" || status === "cancelled" || existing.settledAt !== null) return [finishedReason(existing, fmt.timeZone)];
  if (status === "scheduled") {
    // Its own units go back to the stock before the new quantity is taken.
    return draftReasons(draft, product, product.stock + existing.quantity, others, fmt);
  }
  const reasons: RuleReason[] = [];
  const changed = (["price", "perCustomerLimit", "startsAt", "endsAt", "earlyAccessTier", "earlyAccessMinutes"] as const).filter((field) => {
    const value = draft[field];
    const before = existing[field];
    if (value === undefined) return false;
    return value instanceof Date && before instanceof Date ? value.getTime() !== before.getTime() : value !== before;
  });
  if (changed.length > 0) {
    reasons.push(
      reason(
        "startedLocked",
        changed[0]!,
        `The sale has started: it can only be ended early or have its quantity raised (changed: ${changed.join(", ")}).`,
        { fields: changed.join(", ") },
      ),
    );
  }
  const { quantity } = draft;
  // An open sale's only change is a higher quantity: the same number again (nothing else
  // changed) changes nothing, and is refused as the form's "only higher" says, not "Saved.".
  const nothingChanged = changed.length === 0 && quantity === existing.quantity;
  if (quantity !== undefined && (quantity < existing.quantity || nothingChanged)) {
    reasons.push(
      reason("quantityNotRaised", "quantity", `The sale has started: its quantity can only be raised above ${existing.quantity}.`, {
        quantity: existing.quantity,
      }),
    );
  } else if (quantity !== undefined && quantity - existing.quantity > product.stock) {
    reasons.push(
      reason("raiseAboveStock", "quantity", `Raising the quantity by ${quantity - existing.quantity} needs more than the ${product.stock} in stock.`, {
        extra: quantity - existing.quantity,
        stock: product.stock,
      }),
    );
  }
  return reasons;
}

/** A sale can be cancelled only before anyone can claim it (before early access or the start). */
export function cancelReasons(existing: ExistingSale, now: Date): RuleReason[] {
  const status = flashSaleStatus(existing, now);
  if (status === "cancelled") return [reason("alreadyCancelled", "form", "This sale is already cancelled.")];
  if (status !== "scheduled") {
    return [reason("cancelAfterStart", "form", "A sale can only be cancelled before it opens; end it early instead.")];
  }
  return [];
}

/** Ending early is for a sale that has opened and not finished. */
export function endEarlyReasons(existing: ExistingSale, now: Date, timeZone: string): RuleReason[] {
  const status = flashSaleStatus(existing, now);
  if (status === "scheduled") return [reason("endBeforeStart", "form", "This sale has not opened yet; cancel it instead.")];
  if (status === "ended" || status === "cancelled") return [finishedReason(existing, timeZone)];
  return [];
}
