import { z } from "zod";
import { queryNumber } from "./numbers";
import { tiers } from "@/db/schema/scoring";
import { inTimeRange, TIME_RANGE_TEXT } from "@/lib/imports/limits";
import { futureTimeReason } from "@/lib/imports/values";
import { forbiddenCharacter } from "./forbidden-characters";
import { text } from "./text";

export const customerSorts = ["score", "netSpend", "orders", "recencyDays"] as const;
export type CustomerSort = (typeof customerSorts)[number];
/** The order a sort takes when none is asked for: the most (or the most recent) first. */
export const defaultCustomerOrder: Record<CustomerSort, "asc" | "desc"> = { score: "desc", netSpend: "desc", orders: "desc", recencyDays: "asc" };

/**
 * A time of the API, ISO 8601 with its offset (or Z), refused saying so: zod's "Invalid ISO
 * datetime" told a client that sent `2026-11-01T10:00:00` (a valid ISO time, without its zone) or
 * `2026-11-01` nothing of what was missing.
 */
export const isoTimeWithOffset = () =>
  z.iso.datetime({ offset: true, error: "must be an ISO 8601 date and time with its offset (or Z), such as 2026-11-01T10:00:00+08:00" });

/** A time the API takes in a body or a query: ISO 8601 with its offset (or Z), in the years the store takes. */
export const isoTimeInYears = isoTimeWithOffset()
  .refine((text) => inTimeRange(new Date(text)), `must be in the years ${TIME_RANGE_TEXT.from} to ${TIME_RANGE_TEXT.to}`);

/**
 * A recompute's as-of time: ISO 8601 with its offset (or Z), for the API and the CLI alike. Not
 * further ahead than a record's time may be (futureTimeReason): a recompute settles the points
 * ledger as of it, and one as of 2099 expired every customer's points for good.
 */
export const asOfSchema = isoTimeInYears.check((ctx) => {
    const ahead = futureTimeReason(ctx.value, new Date(ctx.value), new Date());
    if (ahead) ctx.issues.push({ code: "custom", input: ctx.value, message: ahead.message, params: { key: ahead.key, values: ahead.values } });
  });

/** The most characters a search of the customers list takes (its box stops there too). */
export const CUSTOMER_SEARCH_MAX = 100;

const flag = z.enum(["true", "false"]).transform((v) => v === "true");

/** The customers list's query: the same for the page's URL, the CSV export and the API. */
export const customerListQuerySchema = z.object({
  tier: z.enum(tiers).optional(),
  highValue: flag.optional(),
  repeat: flag.optional(),
  // A score band (min inclusive, max exclusive); no score counts as below 0, as in the sort.
  minScore: queryNumber({ min: 0, max: 100, decimals: true }).optional(),
  maxScore: queryNumber({ min: 0, max: 100, decimals: true }).optional(),
  previousTier: z.enum(tiers).optional(),
  q: text({ max: CUSTOMER_SEARCH_MAX }).optional(),
  /** "me": only the signed-in rep's customers. */
  rep: z.enum(["me"]).optional(),
  sort: z.enum(customerSorts).default("score"),
  order: z.enum(["asc", "desc"]).optional(),
  limit: queryNumber({ min: 1, max: 500 }).default(50),
  cursor: z.string().max(200).optional(),
  /** The page before this cursor (the list's Previous link); `cursor` is the page after one. */
  before: z.string().max(200).optional(),
});

export type CustomerListQuery = z.output<typeof customerListQuerySchema>;

/** The query as URL search parameters (defaults left out), for links, the export and paging. */
export function customerListSearchParams(
  query: Partial<CustomerListQuery>,
  options: { cursor?: string | null; before?: string | null } = {},
) {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.tier) params.set("tier", query.tier);
  if (query.highValue !== undefined) params.set("highValue", String(query.highValue));
  if (query.repeat !== undefined) params.set("repeat", String(query.repeat));
  if (query.minScore !== undefined) params.set("minScore", String(query.minScore));
  if (query.maxScore !== undefined) params.set("maxScore", String(query.maxScore));
  if (query.previousTier) params.set("previousTier", query.previousTier);
  if (query.rep) params.set("rep", query.rep);
  if (query.sort && query.sort !== "score") params.set("sort", query.sort);
  if (query.order) params.set("order", query.order);
  if (options.cursor) params.set("cursor", options.cursor);
  if (options.before) params.set("before", options.before);
  return params;
}

/** A numbered list page's `?page=`: 1 when missing or not a number, at most 10,000. */
export const pageNumber = (text: string | undefined) => Math.max(1, Math.min(10_000, Number(text) || 1));

/** Search params as Next hands them to a page (a key may repeat): the first value of each. */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    // A value no text may hold (a NUL the database refuses, a bidi override…): as if not given.
    if (first !== undefined && first !== "" && forbiddenCharacter(first) === null) out[key] = first;
  }
  return out;
}
