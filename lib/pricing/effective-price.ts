import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { reusePlans } from "@/db/reuse-plans";
import { tiers, type Tier } from "@/db/schema";
import { findEligibleFlashOffers, type FlashOffer, type SpentFlashOffer } from "@/lib/flash-sales/offers";
import { activeMembership, type ActiveMembership } from "@/lib/memberships/enrolments";
import type { NamedTimes } from "@/lib/i18n/store-time-text";
import { formatMoney } from "@/lib/money";
import { storeDate, unambiguousStoreDateTime } from "@/lib/store-time";
import { priceFromPercentOff, withinPriceLimits } from "./price-guard";

// 哪个价格生效 (PRODUCT.md §4): the lowest of the regular price, the best member price of any tier
// at or below the customer's, and a live flash price open to them. Prices never stack: one wins.

export type PriceSource = "regular" | "member" | "flash";

/**
 * A reason in words: `message` in English (the API's), `key`/`values` for the pages' catalogues,
 * with the times it names in `times`, for the page to write in the reader's language.
 */
export interface PriceReason {
  key: string;
  values: Record<string, string | number>;
  times?: NamedTimes;
  message: string;
}

export interface EffectivePrice {
  price: number;
  source: PriceSource;
  regularPrice: number;
  /** The tier prices were chosen for: the score's tier, lifted by an active paid membership. */
  tier: Tier;
  memberPrice: { tier: Tier; price: number } | null;
  flash: { saleId: number; price: number; endsAt: Date } | null;
  reasons: PriceReason[];
}

export interface PricingCustomer {
  id: number;
  scoreTier: Tier;
  scored: boolean;
  isHighValue: boolean;
  membership: ActiveMembership | null;
  /** max(score tier, membership tier). */
  tier: Tier;
}

/** The store a price is for: its amounts' currency, and the zone its dates are told in. */
type PricingStore = { id: number; currency: string; timezone: string };

interface PricedProduct {
  id: number;
  price: number;
  floorPrice: number | null;
  memberPrices: { tier: Tier; price: number | null; percentOff: number | null }[];
}

const rank = (tier: Tier) => tiers.indexOf(tier);

/**
 * The customer's tier for pricing at `at`: the tier their score earned, lifted by a paid
 * membership active at `at`. The score's own tier is used rather than the stored tier in force,
 * so a membership stops counting at its end, not at the next recompute.
 */
export async function loadPricingCustomer(db: DbOrTx, storeId: number, customerId: number, at: Date): Promise<PricingCustomer> {
  const [{ rows }, membership] = await Promise.all([
    db.execute<{ score_tier: Tier; is_high_value: boolean; scored: boolean }>(sql`
      select score_tier, is_high_value, score is not null as scored from customer_scores
      where store_id = ${storeId} and customer_id = ${customerId}`),
    activeMembership(db, storeId, customerId, at),
  ]);
  const scoreTier = rows[0]?.score_tier ?? "ordinary";
  const tier = membership && rank(membership.tier) > rank(scoreTier) ? membership.tier : scoreTier;
  return {
    id: customerId,
    scoreTier,
    scored: rows[0]?.scored ?? false,
    isHighValue: rows[0]?.is_high_value ?? false,
    membership,
    tier,
  };
}

async function loadProducts(db: DbOrTx, storeId: number, productIds: number[]): Promise<PricedProduct[]> {
  if (productIds.length === 0) return [];
  const { rows } = await db.execute<{
    id: number;
    price: number;
    floor_price: number | null;
    member_prices: { tier: Tier; price: number | null; percent_off: number | null }[] | null;
  }>(sql`
    select p.id::int as id, p.price::float8 as price, p.floor_price::float8 as floor_price,
           (select json_agg(json_build_object('tier', mp.tier, 'price', mp.price, 'percent_off', mp.percent_off))
              from member_prices mp where mp.store_id = p.store_id and mp.product_id = p.id) as member_prices
    from products p
    where p.store_id = ${storeId} and p.id in (${sql.join(productIds.map((id) => sql`${id}`), sql`, `)})`);
  const byId = new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        price: r.price,
        floorPrice: r.floor_price,
        memberPrices: (r.member_prices ?? []).map((m) => ({
          tier: m.tier,
          price: m.price === null ? null : Number(m.price),
          percentOff: m.percent_off,
        })),
      },
    ]),
  );
  return productIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

function reason(key: string, values: Record<string, string | number>, message: string, times?: NamedTimes): PriceReason {
  return { key: `pricing.reasons.${key}`, values, message, ...(times && { times }) };
}

function tierReasons(customer: PricingCustomer | null, timeZone: string): PriceReason[] {
  if (!customer) return [reason("noCustomer", {}, "No customer given: prices for a customer without a tier.")];
  const out: PriceReason[] = [];
  out.push(
    customer.scored
      ? reason("scoreTier", { tier: customer.scoreTier }, `The customer's score puts them at tier ${customer.scoreTier}.`)
      : reason("noScore", { tier: "ordinary" }, "The customer has no score yet, so tier ordinary."),
  );
  const m = customer.membership;
  if (m) {
    const until = { until: { at: m.endsAt, day: true } };
    out.push(
      rank(m.tier) > rank(customer.scoreTier)
        ? reason(
            "membershipLifts",
            { plan: m.planName, fromTier: customer.scoreTier, toTier: m.tier },
            `The paid membership "${m.planName}" (until ${storeDate(m.endsAt, timeZone)}) lifts the tier from ${customer.scoreTier} to ${m.tier}.`,
            until,
          )
        : reason(
            "membershipNoLift",
            { plan: m.planName, tier: m.tier },
            `The paid membership "${m.planName}" (until ${storeDate(m.endsAt, timeZone)}) grants ${m.tier}, no higher than the score's tier.`,
            until,
          ),
    );
  }
  return out;
}

/** Picks the winner for one product, given the flash offer open to the customer (the flash-sales module's). */
function priceOne(
  store: PricingStore,
  product: PricedProduct,
  customer: PricingCustomer | null,
  offer: FlashOffer | undefined,
  spent: SpentFlashOffer | undefined,
  locale: string,
): EffectivePrice {
  const fmt = (minor: number) => formatMoney(minor, store.currency, locale);
  const tier: Tier = customer?.tier ?? "ordinary";
  const reasons = tierReasons(customer, store.timezone);

  // The best member price among the tiers at or below the customer's; one that the guard would
  // refuse today (the floor or regular price moved since it was set) is left out, saying so.
  let member: { tier: Tier; price: number } | null = null;
  for (const row of product.memberPrices.filter((m) => rank(m.tier) <= rank(tier))) {
    const value = row.price ?? priceFromPercentOff(product.price, row.percentOff!);
    if (!withinPriceLimits(value, product)) {
      reasons.push(
        reason(
          "memberPriceOutOfLimits",
          { tier: row.tier, price: fmt(value) },
          `The ${row.tier} member price ${fmt(value)} is outside the floor and regular price now, so it is not used.`,
        ),
      );
      continue;
    }
    if (!member || value < member.price) member = { tier: row.tier, price: value };
  }
  reasons.push(
    member
      ? reason(
          "memberPrice",
          { price: fmt(member.price), tier: member.tier, customerTier: tier },
          `Best member price for tier ${tier}: ${fmt(member.price)} (the ${member.tier} price).`,
        )
      : reason("noMemberPrice", { customerTier: tier }, `No member price applies at tier ${tier}.`),
  );

  reasons.push(
    offer
      ? reason(
          "flashPrice",
          { price: fmt(offer.price) },
          `A flash sale open to this customer sells it at ${fmt(offer.price)} until ${unambiguousStoreDateTime(offer.endsAt, store.timezone)} (${store.timezone}).`,
          { until: { at: offer.endsAt } },
        )
      : spent
        ? reason(
            "flashLimitReached",
            { price: fmt(spent.price), limit: spent.perCustomerLimit },
            `The customer already holds the flash sale's limit of ${spent.perCustomerLimit} per customer, so its price of ${fmt(spent.price)} is no longer open to them.`,
          )
        : reason("noFlash", {}, "No flash sale is open to this customer now."),
  );

  // Lowest wins; on a tie the plainer source (regular, then member) is named.
  let source: PriceSource = "regular";
  let price = product.price;
  if (member && member.price < price) {
    source = "member";
    price = member.price;
  }
  if (offer && offer.price < price) {
    source = "flash";
    price = offer.price;
  }
  const regular = fmt(product.price);
  reasons.push(
    source === "regular"
      ? reason("winsRegular", { price: regular }, `The regular price ${regular} applies: nothing lower is open to this customer.`)
      : reason(
          source === "member" ? "winsMember" : "winsFlash",
          { price: fmt(price), regular },
          `${fmt(price)} wins as the lowest (${source} price, regular ${regular}); prices never stack.`,
        ),
  );
  return {
    price,
    source,
    regularPrice: product.price,
    tier,
    memberPrice: member,
    flash: offer ? { saleId: offer.saleId, price: offer.price, endsAt: offer.endsAt } : null,
    reasons,
  };
}

/** The flash offers open to the customer (or to anyone, tier ordinary, when there is none). */
function flashOffers(db: DbOrTx, storeId: number, productIds: number[], customer: PricingCustomer | null, at: Date) {
  const audience = customer
    ? { id: customer.id, tier: customer.tier, isHighValue: customer.isHighValue }
    : { id: null, tier: "ordinary" as Tier, isHighValue: false };
  return findEligibleFlashOffers(db, storeId, productIds, audience, at);
}

/** The effective price of one product for one customer (or for no customer: tier ordinary, no membership). */
export async function effectivePrice(
  db: DbOrTx,
  store: PricingStore,
  productId: number,
  customerId: number | null,
  options: { at?: Date; locale?: string } = {},
): Promise<EffectivePrice> {
  const price = (await effectivePrices(db, store, [productId], customerId, options)).get(productId);
  if (!price) throw new Error(`product ${productId} not in store ${store.id}`);
  return price;
}

/** Effective prices of several products for one customer (or none): the customer, products and offers are read once. */
export const effectivePrices = reusePlans(async function effectivePrices(
  db: DbOrTx,
  store: PricingStore,
  productIds: number[],
  customerId: number | null,
  options: { at?: Date; locale?: string } = {},
): Promise<Map<number, EffectivePrice>> {
  const at = options.at ?? new Date();
  const [products, customer] = await Promise.all([
    loadProducts(db, store.id, productIds),
    customerId === null ? null : loadPricingCustomer(db, store.id, customerId, at),
  ]);
  const offers = await flashOffers(db, store.id, products.map((p) => p.id), customer, at);
  return new Map(
    products.map((p) => [p.id, priceOne(store, p, customer, offers.open.get(p.id), offers.limitReached.get(p.id), options.locale ?? "en")]),
  );
});
