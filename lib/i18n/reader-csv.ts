import "server-only";
import type { Tier } from "@/db/schema";
import { storeDate, unambiguousStoreDateTime } from "@/lib/store-time";
import type { StoreContext } from "@/lib/stores/context";
import { getTranslations } from "./server";

// A CSV for people to read (the console's downloads), not for programs (the API's): the store's
// customers as the pages show them — headers, tiers and yes/no in the reader's language, times
// in the store's zone, which the headers name (with the offset in the hour its clock repeats).
// One way of writing such cells, so the customer list's and a flash sale's reminder list read alike.

/** The customer columns a reader's CSV may hold; their headers are the customers list's (customers.csv.*). */
export type CustomerCsvColumn =
  | "externalId" | "name" | "tier" | "score" | "isHighValue" | "gates" | "isRepeat" | "orders"
  | "spend" | "refunded" | "netSpend" | "averageOrderValue"
  | "lastOrderAt" | "recencyDays" | "returns" | "returnRate" | "reviews" | "interactionRate" | "shares" | "shareRate"
  | "positiveReviewRate" | "ruleVersion" | "asOf";

export async function readerCsv(ctx: StoreContext) {
  const t = await getTranslations();
  const { currency, timezone: timeZone } = ctx.store;
  return {
    t,
    /** A customer column's header, naming the currency or time zone its values are in. */
    header: (column: CustomerCsvColumn) => t(`customers.csv.${column}`, { currency, timeZone }),
    yesNo: (value: boolean) => t(value ? "customers.yes" : "customers.no"),
    tier: (tier: Tier) => t(`tiers.${tier}`),
    /** "2026-11-01 01:30"; in the hour the clock repeats with its offset, "2026-11-01 01:30-05:00", which the imports read back. */
    time: (at: Date | string | null) => (at === null ? null : unambiguousStoreDateTime(new Date(at), timeZone)),
    /** The store's today, not UTC's, for the file's name: at 02:00 in Shanghai the file is the 3rd's, not the 2nd's. */
    today: () => storeDate(new Date(), timeZone),
  };
}
