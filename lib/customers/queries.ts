import { and, asc, desc, eq, getTableColumns, gt, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import { escapeLike, holdsCharactersOf } from "@/db/like";
import { fewerRowsThan } from "@/db/fewer-rows-than";
import { reusePlans } from "@/db/reuse-plans";
import { preparedOnce } from "@/db/prepared";
import { customerScoreOrder, customerScores, customers, orders, repAssignments, rescoreQueue, scoreRuns, users, type CustomerScore, type Tier } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { badCursor, cursorPair, encodeCursor } from "./cursor";
import type { StoreContext } from "@/lib/stores/context";
import { defaultCustomerOrder, type CustomerListQuery, type CustomerSort } from "@/lib/validation/customers";
import { explainScore, type FactorExplanation } from "./explain";
import { rulesInForce, rulesInForceSql, scoringRulesByVersion } from "./rules";
import { normalizeExternalId } from "@/lib/validation/text";
import { membershipsLapsedSince, rescoreLapsedMemberships } from "@/lib/memberships/lapsed";

/** A customer as the API and the pages show it: every metric of PRODUCT.md §3 and the factors. */
export interface CustomerView {
  id: number;
  externalId: string;
  name: string;
  orders: number;
  spend: number;
  averageOrderValue: number | null;
  lastOrderAt: string | null;
  recencyDays: number | null;
  returns: number;
  returnRate: number | null;
  refunded: number;
  netSpend: number;
  reviews: number;
  photoReviews: number;
  interactionRate: number | null;
  shares: number;
  shareRate: number | null;
  positiveReviewRate: number | null;
  isRepeat: boolean;
  score: number | null;
  tier: Tier;
  previousTier: Tier | null;
  isHighValue: boolean;
  gates: string[];
  factors: FactorExplanation[];
  ruleVersion: number;
  asOf: string;
}

const selection = {
  id: customers.id,
  externalId: customers.externalId,
  name: customers.name,
  score: customerScores,
};

type Row = { id: number; externalId: string; name: string; score: CustomerScore };

// A recompute rewrites only the rows whose values changed, so a row's own run columns say when
// it last changed; every row is as valid as of the latest run, whose rules and asOf it shows
// (its rank factors to within 0.01: lib/customers/recompute.ts).
const latestRun = reusePlans(async function latestRun(storeId: number, rows: Row[]): Promise<{ ruleVersion: number; asOf: Date }> {
  const [run] = await getDb()
    .select({ ruleVersion: scoreRuns.ruleVersion, asOf: scoreRuns.asOf })
    .from(scoreRuns)
    .where(and(eq(scoreRuns.storeId, storeId), sql`${scoreRuns.tookMs} is not null`))
    .orderBy(desc(scoreRuns.id))
    .limit(1);
  return run ?? { ruleVersion: rows[0]?.score.ruleVersion ?? 1, asOf: rows[0]?.score.asOf ?? new Date(0) };
});

async function toViews(storeId: number, rows: Row[]): Promise<CustomerView[]> {
  if (rows.length === 0) return [];
  const run = await latestRun(storeId, rows);
  const rules = (await scoringRulesByVersion(storeId, [run.ruleVersion])).get(run.ruleVersion)!;
  return rows.map(({ id, externalId, name, score: s }) => ({
    id,
    externalId,
    name,
    orders: s.orders,
    spend: s.spend,
    averageOrderValue: s.averageOrderValue === null ? null : Math.round(s.averageOrderValue * 100) / 100,
    lastOrderAt: s.lastOrderAt?.toISOString() ?? null,
    recencyDays: s.recencyDays,
    returns: s.returns,
    returnRate: s.returnRate,
    refunded: s.refunded,
    netSpend: s.netSpend,
    reviews: s.reviews,
    photoReviews: s.photoReviews,
    interactionRate: s.interactionRate,
    shares: s.shares,
    shareRate: s.shareRate,
    positiveReviewRate: s.positiveReviewRate,
    isRepeat: s.isRepeat,
    score: s.score,
    tier: s.tier,
    previousTier: s.previousTier,
    isHighValue: s.isHighValue,
    gates: s.gates,
    factors: explainScore(s, rules),
    ruleVersion: run.ruleVersion,
    asOf: run.asOf.toISOString(),
  }));
}

// Each sort key as the expression its index is built on (nulls sort as the lowest score and the
// longest recency), so the keyset condition and the ORDER BY both use the index. The order by
// score is customer_score_order's (db/schema/scoring.ts), joined to the list only for that sort.
const sortExpressions: Record<CustomerSort, SQL> = {
  score: sql`${customerScoreOrder.sortScore}`,
  netSpend: sql`${customerScores.netSpend}`,
  orders: sql`${customerScores.orders}`,
  recencyDays: sql`coalesce(${customerScores.recencyDays}, 2147483647)`,
};

/** The score as customer_score_order sorts it, read from customer_scores. */
const scoreOrNone = sql`coalesce(${customerScores.score}, -1)`;

/**
 * Whether the list's customers are found first, by a search's index (names' pairs of characters,
 * or their characters for a text of one that few names hold) or the signed-in rep's assignments,
 * rather than picked out while an order is walked. Then their scores and tiers are read from
 * customer_scores and those few rows sorted, and customer_score_order is not joined: it has no
 * index by customer (every moved score would write one more entry), and joined to such a list the
 * embedded database looked up each customer there with a skip scan of the index by score (a
 * search matching 760 customers took 3.5 s). A rep's list is found first whatever their book: walked,
 * a large book took 10 ms a page against 25–45, but with statistics that did not yet count a book
 * just assigned (a spread, before the next ANALYZE), PostgreSQL went from the assignments to the
 * order by score, looking each customer up there: 14–19 s a page for 5,765 customers.
 */
async function foundFirst(storeId: number, query: Pick<CustomerListQuery, "q" | "rep">): Promise<boolean> {
  if (query.rep === "me") return true;
  const length = query.q ? [...query.q].length : 0;
  if (length !== 1) return length >= 2;
  // A full-width ２ is searched as 2 too (searchForms): found first only if each is rare.
  for (const form of searchForms(query.q!)) if (!(await isRareCharacter(storeId, form))) return false;
  return true;
}

/**
 * The texts a search looks for in names: as typed, and with full-width digits and letters as
 * ASCII (NFKC, as ids are stored), so the ２１０７ a Chinese input method's full-width mode types
 * finds 152****2107. A name stored with full-width characters is still found as typed.
 */
function searchForms(q: string): string[] {
  const folded = normalizeExternalId(q);
  return folded === q || folded === "" ? [q] : [q, folded];
}

/**
 * A character in fewer names than this is searched through the names' characters and sorted; a
 * commoner one (a digit of masked phone numbers, 40 % of names) is picked out while the order is
 * walked, which finds a page of it in the first few hundred customers.
 */
const RARE_CHARACTER = 2000;

async function isRareCharacter(storeId: number, character: string): Promise<boolean> {
  return fewerRowsThan(
    RARE_CHARACTER,
    sql`select 1 from ${customers} where ${customers.storeId} = ${storeId} and name_chars(${customers.name}) @> name_chars(${character})`,
  );
}

/** The largest value of an int4 column (orders, recency days). */
const INT4_MAX = 2147483647;

/**
 * A cursor this list gave out for the sort: its value of the type of the sort's column and a
 * customer id. Anything else (an edited or forged cursor) is refused here rather than by the
 * database, which would answer a fraction for an integer column with an error of its own.
 */
function decodeCursor(cursor: string, sort: CustomerSort, parameter: "cursor" | "before"): [number, number] {
  const pair = cursorPair(cursor);
  if (pair) {
    const [value, id] = pair;
    const valueFits =
      typeof value === "number" &&
      (sort === "score" ? Number.isFinite(value) : sort === "netSpend" ? Number.isSafeInteger(value) : Number.isInteger(value) && Math.abs(value) <= INT4_MAX);
    if (valueFits && Number.isSafeInteger(id) && (id as number) > 0) return [value, id as number];
  }
  throw badCursor(parameter);
}

/**
 * A tier this small is listed from its own rows (its table of customer_score_order) and then
 * sorted; a larger one is picked out while the sort's index is walked. Walked, a tier with few
 * customers or none read every customer of the store (30–40 ms a page at 100,000); found first,
 * the most common tier hashed most of the store (75 ms).
 */
const SMALL_TIER = 2000;

async function isSmallTier(storeId: number, tier: Tier): Promise<boolean> {
  return fewerRowsThan(
    SMALL_TIER,
    sql`select 1 from ${customerScoreOrder} where ${customerScoreOrder.storeId} = ${storeId} and ${customerScoreOrder.tier} = ${tier}`,
  );
}

/** The customers of a tier, read from its table of customer_score_order. */
function ofTier(storeId: number, tier: Tier): SQL {
  const members = getDb()
    .select({ customerId: customerScoreOrder.customerId })
    .from(customerScoreOrder)
    .where(and(eq(customerScoreOrder.storeId, storeId), eq(customerScoreOrder.tier, tier)));
  return inArray(customerScores.customerId, members);
}

/**
 * The list's conditions. `byScore`: the list walks customer_score_order's index, whose tier is
 * then read there; `score`: the score as that walk reads it, or customer_scores' own;
 * `smallTier`: the tier is read from its own rows (isSmallTier); `found`: the customers are
 * found first (foundFirst).
 */
function filters(
  storeId: number,
  query: Pick<CustomerListQuery, "tier" | "highValue" | "repeat" | "q" | "minScore" | "maxScore" | "previousTier">,
  { byScore, score, smallTier, found }: { byScore: boolean; score: SQL; smallTier: boolean; found: boolean },
): SQL[] {
  const where: SQL[] = [eq(customerScores.storeId, storeId)];
  if (query.tier && byScore) where.push(eq(customerScoreOrder.tier, query.tier));
  else if (query.tier) where.push(smallTier ? ofTier(storeId, query.tier) : eq(customerScores.tier, query.tier));
  if (query.highValue !== undefined) where.push(eq(customerScores.isHighValue, query.highValue));
  if (query.repeat !== undefined) where.push(eq(customerScores.isRepeat, query.repeat));
  if (query.minScore !== undefined) where.push(sql`${score} >= ${query.minScore}`);
  if (query.maxScore !== undefined) where.push(sql`${score} < ${query.maxScore}`);
  if (query.previousTier) where.push(eq(customerScores.previousTier, query.previousTier));
  if (query.q) {
    const forms = searchForms(query.q);
    // A name containing the text holds every pair of the text's characters: from two characters
    // up, that finds the candidates through the pairs' index (migration 0023), which a search of
    // a two-character name (郭波) otherwise read every customer for. The ILIKE keeps only names
    // with the pairs in a row; it comes first for the plan that walks the list's order and tests
    // each customer (a common text, such as 13 in masked phone numbers), where it is the cheaper.
    // A text of two characters or more is always found first (foundFirst); one character only
    // when rare, through the characters' index (0031). A common one is walked, its index left
    // out: handed the index, PostgreSQL read a digit's 17,058 names through it and sorted them
    // (240 ms) instead of walking to the first page's 51.
    const named = (form: string) => {
      const like = ilike(customers.name, `%${escapeLike(form)}%`);
      return found ? and(like, holdsCharactersOf(customers.name, form))! : like;
    };
    // Ids are stored NFKC: a full-width １７８ typed in an IME finds 17850.
    where.push(or(...forms.map(named), ilike(customers.externalId, `${escapeLike(normalizeExternalId(query.q))}%`))!);
  }
  return where;
}

/** A customer's rep as the list and the API show them: their name, else their email. */
const repName = sql<string | null>`coalesce(nullif(${users.name}, ''), ${users.email})`;

/**
 * The rep of a row of the list, read for the page's rows alone. Joined instead, the two tables
 * made the list's statement two relations more to plan (0.36 → 0.58 ms of PostgreSQL's time a
 * page with the order by score's table) and read every assignment of the store for each page.
 */
const listedRep = sql<string | null>`(
  select ${repName} from ${repAssignments} join ${users} on ${users.id} = ${repAssignments.userId}
  where ${repAssignments.storeId} = ${customerScores.storeId} and ${repAssignments.customerId} = ${customerScores.customerId})`;

/**
 * One page of the customers list, by keyset (no OFFSET): pass `nextCursor` back as `cursor` for
 * the next page, `previousCursor` as `before` for the one before, with the given columns of
 * customers and customer_scores. `previousCursor` is null on the first page.
 */
async function customerPage<F extends SelectedFields>(ctx: StoreContext, query: CustomerListQuery, fields: F) {
  // Walked: the order by score's index, or another sort's (picking out a small tier from its own
  // rows); found first: sorted once found.
  const found = await foundFirst(ctx.store.id, query);
  const byScore = query.sort === "score" && !found;
  const score = byScore ? sortExpressions.score : scoreOrNone;
  const expression = query.sort === "score" ? score : sortExpressions[query.sort];
  const order = query.order ?? defaultCustomerOrder[query.sort];
  const smallTier = query.tier !== undefined && query.sort !== "score" && !found && (await isSmallTier(ctx.store.id, query.tier));
  const where = filters(ctx.store.id, query, { byScore, score, smallTier, found });
  // "My customers": the signed-in rep's (PRODUCT.md §10).
  if (query.rep === "me") {
    where.push(sql`exists (select 1 from ${repAssignments} where ${repAssignments.storeId} = ${customerScores.storeId}
      and ${repAssignments.customerId} = ${customerScores.customerId} and ${repAssignments.userId} = ${ctx.userId ?? -1})`);
  }
  // A page before a cursor is read backwards from it, then turned round.
  const backwards = query.before !== undefined;
  const customerId = byScore ? customerScoreOrder.customerId : customerScores.customerId;
  const key = sql`(${expression}, ${customerId})`;
  const keyset = query.before ?? query.cursor;
  if (keyset) {
    const [value, id] = decodeCursor(keyset, query.sort, query.before !== undefined ? "before" : "cursor");
    const after = (order === "desc") !== backwards ? lt : gt;
    where.push(after(key, sql`(${value}, ${id})`));
  }
  const direction = (order === "desc") !== backwards ? desc : asc;
  const select = getDb()
    .select({
      ...fields,
      id: customers.id,
      sortValue: sql<number>`(${expression})::float8`,
      rep: listedRep,
    })
    .from(customerScores)
    .$dynamic();
  const walking = byScore
    ? select.innerJoin(customerScoreOrder, and(eq(customerScoreOrder.storeId, customerScores.storeId), eq(customerScoreOrder.customerId, customerScores.customerId)))
    : select;
  const rows = await walking
    .innerJoin(customers, and(eq(customers.storeId, customerScores.storeId), eq(customers.id, customerScores.customerId)))
    .where(and(...where))
    .orderBy(direction(expression), direction(customerId))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  if (backwards) page.reverse();
  // Drizzle's row type of a generic selection is opaque here; these two keys are selected above.
  const edge = (row: unknown) => {
    const { sortValue, id } = row as { id: number; sortValue: number };
    return encodeCursor(Number(sortValue), id);
  };
  const first = page.at(0);
  const last = page.at(-1);
  return {
    page,
    // Backwards, the rows after this page are the ones the cursor came from; forwards, a cursor
    // means rows came before.
    nextCursor: last && (backwards || more) ? edge(last) : null,
    previousCursor: first && (backwards ? more : Boolean(keyset)) ? edge(first) : null,
  };
}

/** One page of the customers list with every metric and the factors (the API and the export). */
export async function listCustomers(ctx: StoreContext, query: CustomerListQuery) {
  const { page, nextCursor } = await customerPage(ctx, query, selection);
  return {
    customers: (await toViews(ctx.store.id, page)).map((view, i) => ({ ...view, rep: page[i]!.rep })),
    nextCursor,
  };
}

/**
 * One page of the customers list with only the columns its table shows. The page shows no
 * factors: it skips explaining them, the two lookups of run and rules that needs, and 25 columns.
 */
export async function listCustomerRows(ctx: StoreContext, query: CustomerListQuery) {
  const { page, nextCursor, previousCursor } = await customerPage(ctx, query, {
    externalId: customers.externalId,
    name: customers.name,
    tier: customerScores.tier,
    score: customerScores.score,
    orders: customerScores.orders,
    netSpend: customerScores.netSpend,
    spend: customerScores.spend,
    recencyDays: customerScores.recencyDays,
    returnRate: customerScores.returnRate,
    isHighValue: customerScores.isHighValue,
    gates: customerScores.gates,
  });
  return { customers: page, nextCursor, previousCursor };
}

/**
 * One customer by external id (the API) or by internal id (the pages), in the list's shape (their
 * rep included); 404 when not in this store.
 */
export const getCustomer = reusePlans(async function getCustomer(
  ctx: StoreContext,
  key: { externalId: string } | { id: number },
): Promise<CustomerView & { rep: string | null }> {
  const match = "externalId" in key ? eq(customers.externalId, normalizeExternalId(key.externalId)) : eq(customers.id, key.id);
  const [row] = await getDb()
    .select({ ...selection, rep: repName })
    .from(customers)
    .innerJoin(customerScores, and(eq(customerScores.storeId, customers.storeId), eq(customerScores.customerId, customers.id)))
    .leftJoin(repAssignments, and(eq(repAssignments.storeId, customers.storeId), eq(repAssignments.customerId, customers.id)))
    .leftJoin(users, eq(users.id, repAssignments.userId))
    .where(and(eq(customers.storeId, ctx.store.id), match));
  if (!row) throw new AppError("not_found", "No such customer in this store (or not scored yet).", "errors.noSuchCustomer");
  return { ...(await toViews(ctx.store.id, [row]))[0]!, rep: row.rep };
});

/**
 * The customers a run (its store id and start) did not count that the list shows: a new buyer's
 * flash-sale claim creates them with a score row (no score, ordinary; lib/flash-sales/claims.ts)
 * until the next recompute counts them. They have no order, so they change no other figure of
 * the run. Every new customer is queued for that recompute (migration 0020), which empties the
 * queue: read from it, they cost the few rows queued since, not a pass over the store. A
 * customer created in the run's own moments may be counted twice or not at all until the next.
 */
export function customersSinceRun(run: { storeId: SQL; startedAt: SQL }): SQL<number> {
  return sql<number>`(
    select count(distinct q.customer_id)::int
    from ${rescoreQueue} q
    join ${customers} c on c.store_id = q.store_id and c.id = q.customer_id
    join ${customerScores} s on s.store_id = q.store_id and s.customer_id = q.customer_id
    where q.store_id = ${run.storeId} and c.created_at > ${run.startedAt})`;
}

/**
 * The latest finished score run, with the customers listed since it, whether a membership ran out
 * since (by `now`) and the rules in force (which the page names its gates by).
 */
const summaryQuery = preparedOnce((db) =>
  db
    .select({
      ...getTableColumns(scoreRuns),
      customersSince: customersSinceRun({ storeId: sql`${scoreRuns.storeId}`, startedAt: sql`${scoreRuns.startedAt}` }),
      lapsed: membershipsLapsedSince({ storeId: sql`${scoreRuns.storeId}`, asOf: sql`${scoreRuns.asOf}`, startedAt: sql`${scoreRuns.startedAt}` }, sql.placeholder("now")),
      rulesInForce: rulesInForceSql(sql`${scoreRuns.storeId}`),
    })
    .from(scoreRuns)
    .where(and(eq(scoreRuns.storeId, sql.placeholder("storeId")), sql`${scoreRuns.tookMs} is not null`))
    .orderBy(desc(scoreRuns.id))
    .limit(1)
    // Built once (preparedOnce): every view of the customers list asks it.
    .prepare("summary_run"),
);

async function summaryRun(ctx: StoreContext, now: Date) {
  const [run] = await summaryQuery().execute({ storeId: ctx.store.id, now });
  return run ?? null;
}

function summaryOf(run: NonNullable<Awaited<ReturnType<typeof summaryRun>>>) {
  return {
    customers: (run.customers ?? 0) + run.customersSince,
    scored: run.scored ?? 0,
    repeatCustomers: run.repeatCustomers ?? 0,
    highValue: run.highValue ?? 0,
    highValueSpendShare: run.netSpend && run.netSpend > 0 ? (run.highValueNetSpend ?? 0) / run.netSpend : null,
    ruleVersion: run.ruleVersion,
    asOf: run.asOf,
    computedAt: run.startedAt,
    tookMs: run.tookMs ?? 0,
    rulesInForce: rulesInForce(run.rulesInForce),
  };
}

/**
 * The store-wide figures of the last recompute, for the summary strip, with the customers listed
 * since (customersSinceRun), so the strip counts every customer the list shows.
 */
export async function latestScoreSummary(ctx: StoreContext) {
  const run = await summaryRun(ctx, new Date());
  return run && summaryOf(run);
}

/**
 * The summary of the scores the page is about to show, the store rescored first when a membership
 * ran out since them (rescoreIfMembershipsLapsed), with the rules in force, all asked in the
 * summary's statement: each statement less is a round trip less for every view of the list, which
 * cost its server more CPU than these lookups' own work.
 */
export async function currentScoreSummary(ctx: StoreContext, now = new Date()) {
  const run = await summaryRun(ctx, now);
  if (!run?.lapsed) return run && summaryOf(run);
  await rescoreLapsedMemberships(ctx.store.id);
  return latestScoreSummary(ctx);
}

/**
 * When the store's newest paid order was placed, or null without one: what the customers page
 * names when no customer has a paid order in the scoring window (an imported history older
 * than the window), so the owner sees why nobody is scored.
 */
export async function newestPaidOrderAt(ctx: StoreContext): Promise<Date | null> {
  const [row] = await getDb()
    .select({ at: sql<Date | null>`max(${orders.placedAt})`.mapWith((value) => (value === null ? null : new Date(value))) })
    .from(orders)
    .where(and(eq(orders.storeId, ctx.store.id), eq(orders.status, "paid")));
  return row?.at ?? null;
}
