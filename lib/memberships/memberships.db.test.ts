import { describe, expect, it } from "vitest";
import { and, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { escapeLike } from "@/db/like";
import { normalizeExternalId } from "@/lib/validation/text";
import { getDb } from "@/db";
import { customerMemberships, customers } from "@/db/schema";
import { recomputeScores } from "@/lib/customers/recompute";
import { currentScoreSummary, getCustomer } from "@/lib/customers/queries";
import { makeCustomer } from "@/lib/pricing/pricing-test-data";
import { apiClient } from "@/tests/api";
import { asStaff, makeStore } from "@/tests/factories";
import { GET as getCustomerRoute } from "@/app/api/v1/customers/[externalId]/route";
import { activeMembership, cancelMembership, enrolCustomer, renewMembership } from "./enrolments";
import { createPlan, feeOf, listPlans, setPlanArchived } from "./plans";
import { rescoreIfMembershipsLapsed } from "./lapsed";
import { activeMembersPage, countActiveMembers, listExpiringMembers, memberSearchConditions, membersPageSql } from "./queries";
import { refusal } from "@/tests/refusal";
import { onPostgres, within } from "@/tests/backend";
import { storeDate } from "@/lib/store-time";
import { updateStoreSettings } from "@/lib/stores/commands";

async function londonStore() {
  const ctx = await makeStore("mem");
  await updateStoreSettings(ctx, { name: "UK gifts", currency: "GBP", timezone: "Europe/London" });
  return { ...ctx, store: { ...ctx.store, currency: "GBP", timezone: "Europe/London" } };
}

const DAY = 86_400_000;
const t0 = new Date("2026-05-01T00:00:00Z");
const plus = (days: number) => new Date(t0.getTime() + days * DAY);

/**
 * The plans of finding the customers of each of a members search's conditions
 * (memberSearchConditions), of any store (a store's few rows here are read through its own key
 * otherwise), with sequential scans ruled out and pg_trgm's index of customers dropped (as a
 * database without pg_trgm has none), rolled back.
 */
async function searchPlans(conditions: SQL[]): Promise<string[]> {
  class Plan {
    constructor(readonly plans: string[]) {}
  }
  try {
    await getDb().transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`drop index if exists customers_search_idx`);
      const plans: string[] = [];
      for (const condition of conditions) {
        const { rows } = await tx.execute<{ "QUERY PLAN": string }>(sql`explain select c.id from customers c where ${condition}`);
        plans.push(rows.map((row) => row["QUERY PLAN"]).join("\n"));
      }
      throw new Plan(plans);
    });
  } catch (error) {
    if (error instanceof Plan) return error.plans;
    throw error;
  }
  throw new Error("no plan");
}


describe("paid memberships", () => {
  it("enrols with the fee paid and dates, refuses a second enrolment, renews after the end and cancels", async () => {
    const ctx = await makeStore("mem");
    const plan = await createPlan(ctx, { name: "Gold card", fee: 9900, lengthDays: 30, tier: "gold" });
    const customer = await makeCustomer(ctx, "buyer-m");
    const enrolled = await enrolCustomer(ctx, { planId: plan.id, customer: "buyer-m", feePaid: "88.00" }, t0);
    expect(enrolled.endsAt).toEqual(plus(30));
    expect(await activeMembership(getDb(), ctx.store.id, customer.id, plus(29))).toMatchObject({ tier: "gold", planName: "Gold card" });
    expect(await activeMembership(getDb(), ctx.store.id, customer.id, plus(30))).toBeNull();

    const again = await refusal(enrolCustomer(ctx, { planId: plan.id, customer: "buyer-m" }, plus(1)));
    expect(again.key).toBe("pricing.errors.alreadyMember");
    expect(again.message).toContain("until 2026-05-31");
    expect(again.times).toEqual({ until: { at: plus(30), day: true } });
    // On the form, the name leads to where renewing is done: "renew instead" was a dead end.
    expect(again.links).toEqual([{ text: "buyer-m", href: `/s/${ctx.store.slug}/customers/${customer.id}#membership` }]);

    const renewal = await renewMembership(ctx, { membershipId: enrolled.id }, plus(20));
    expect(renewal).toMatchObject({ startsAt: plus(30), endsAt: plus(60) });
    expect(await activeMembership(getDb(), ctx.store.id, customer.id, plus(45))).not.toBeNull();

    // Expiring within 30 days of day 5: none, the renewal covers the end; members counted once.
    expect(await listExpiringMembers(ctx, { at: plus(5) })).toEqual({ rows: [], total: 0 });
    const members = (await activeMembersPage(ctx, { at: plus(5) })).rows;
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ customerExternalId: "buyer-m", feePaid: 8800, renewedUntil: plus(60) });
    expect(await countActiveMembers(getDb(), ctx.store.id, plus(5))).toBe(1);
    expect((await listExpiringMembers(ctx, { at: plus(35) })).rows).toMatchObject([{ endsAt: plus(60), feePaid: 9900 }]);

    // Cancelling stops the membership and the renewal queued after it.
    expect(await cancelMembership(ctx, enrolled.id, plus(10))).toEqual({ cancelled: 2 });
    expect(await activeMembership(getDb(), ctx.store.id, customer.id, plus(10))).toBeNull();
    expect(await activeMembership(getDb(), ctx.store.id, customer.id, plus(45))).toBeNull();
    expect((await refusal(cancelMembership(ctx, enrolled.id, plus(11)))).key).toBe("pricing.errors.membershipOver");
    expect(await countActiveMembers(getDb(), ctx.store.id, plus(10))).toBe(0);
  });

  it("reads a fee as every money field does: full-width digits and the store's currency sign", async () => {
    const ctx = await makeStore("mem");
    // A Chinese input method in full-width mode types "９９．５０"; the page shows fees as "¥99.50".
    expect(feeOf(ctx, "９９．５０", "fee")).toBe(9950);
    expect(feeOf(ctx, "¥99.50", "fee")).toBe(9950);
    const plan = await createPlan(ctx, { name: "Gold card", fee: feeOf(ctx, "１９９", "fee"), lengthDays: 30, tier: "gold" });
    expect((await listPlans(ctx)).map((p) => p.fee)).toEqual([19900]);
    await makeCustomer(ctx, "buyer-w");
    const enrolled = await enrolCustomer(ctx, { planId: plan.id, customer: "buyer-w", feePaid: "¥１２０" }, t0);
    const [row] = await getDb().select({ feePaid: customerMemberships.feePaid }).from(customerMemberships).where(eq(customerMemberships.id, enrolled.id));
    expect(row!.feePaid).toBe(12000);
    expect((await refusal(Promise.resolve().then(() => feeOf(ctx, "九十九", "fee")))).key).toBe("pricing.errors.notAnAmount");
  });

  it("pages the active members by 20, ending soonest first, and finds them by name or external id", async () => {
    const ctx = await makeStore("mem");
    const plan = await createPlan(ctx, { name: "Gold card", fee: 9900, lengthDays: 30, tier: "gold" });
    for (let i = 1; i <= 25; i++) {
      const customer = await makeCustomer(ctx, `M-${String(i).padStart(2, "0")}`);
      await getDb().execute(sql`
        insert into customer_memberships (store_id, customer_id, plan_id, tier, fee_paid, starts_at, ends_at)
        values (${ctx.store.id}, ${customer.id}, ${plan.id}, 'gold', 9900, ${t0}, ${plus(10 + i)})`);
    }
    const first = await activeMembersPage(ctx, { at: plus(1) });
    expect(first.total).toBe(25);
    expect(first.rows.map((r) => r.customerExternalId)).toEqual(Array.from({ length: 20 }, (_, i) => `M-${String(i + 1).padStart(2, "0")}`));
    const second = await activeMembersPage(ctx, { at: plus(1), page: 2 });
    expect(second).toMatchObject({ total: 25 });
    expect(second.rows.map((r) => r.customerExternalId)).toEqual(["M-21", "M-22", "M-23", "M-24", "M-25"]);
    expect(second.rows[0]).not.toHaveProperty("total");
    // A page past the last still says how many there are (the count is not the page's).
    expect(await activeMembersPage(ctx, { at: plus(1), page: 3 })).toEqual({ rows: [], total: 25 });
    // By part of an external id (or name); a % is a character, not a wildcard.
    const found = await activeMembersPage(ctx, { at: plus(1), q: "m-1" });
    expect(found.rows.map((r) => r.customerExternalId)).toEqual(["M-10", "M-11", "M-12", "M-13", "M-14", "M-15", "M-16", "M-17", "M-18", "M-19"]);
    expect(found.total).toBe(10);
    expect(await activeMembersPage(ctx, { at: plus(1), q: "%" })).toEqual({ rows: [], total: 0 });
    // An id typed in full width (a Chinese input method's Ｍ－２５) is the id, as the customers list finds it.
    expect((await activeMembersPage(ctx, { at: plus(1), q: "Ｍ－２５" })).rows.map((r) => r.customerExternalId)).toEqual(["M-25"]);
    // Those ended by then are not active.
    expect((await activeMembersPage(ctx, { at: plus(30) })).total).toBe(5);

    // Only the page's members are looked up whole: the 20 skipped before the second page are not
    // joined nor their renewals sought (each of them was, 0.65 s for page 1,000 of 55,000 members).
    const { rows: explained } = await getDb().execute<{ "QUERY PLAN": unknown }>(sql`explain (analyze, format json) ${await membersPageSql(ctx, { at: plus(1), page: 2 })}`);
    const raw = explained[0]!["QUERY PLAN"];
    const nodes: { "Subplan Name"?: string; "Actual Loops": number; Plans?: unknown[] }[] = [];
    const walk = (node: { Plans?: unknown[] }) => {
      nodes.push(node as (typeof nodes)[number]);
      for (const child of node.Plans ?? []) walk(child as { Plans?: unknown[] });
    };
    walk((typeof raw === "string" ? JSON.parse(raw) : raw)[0].Plan);
    const renewals = nodes.filter((n) => n["Subplan Name"]?.startsWith("SubPlan"));
    expect(renewals.length).toBeGreaterThan(0);
    for (const n of renewals) expect(n["Actual Loops"]).toBe(5);
  });

  it("lifts the tier in force at once and drops it on cancelling, without waiting for another recompute", async () => {
    const ctx = await makeStore("mem");
    const plan = await createPlan(ctx, { name: "Gold card", fee: 9900, lengthDays: 30, tier: "gold" });
    await makeCustomer(ctx, "lifted");
    await recomputeScores(ctx.store.id);
    const tier = async () => (await getCustomer(ctx, { externalId: "lifted" })).tier;
    expect(await tier()).toBe("ordinary");
    const enrolled = await enrolCustomer(ctx, { planId: plan.id, customer: "lifted" });
    expect(await tier()).toBe("gold");
    await cancelMembership(ctx, enrolled.id);
    expect(await tier()).toBe("ordinary");
  });

  /** A gold member "lapsing", scored; `lapse()` makes those scores an hour old and the membership end since. */
  async function goldMemberScored() {
    const ctx = await makeStore("mem");
    const plan = await createPlan(ctx, { name: "Gold card", fee: 9900, lengthDays: 30, tier: "gold" });
    await makeCustomer(ctx, "lapsing");
    const enrolled = await enrolCustomer(ctx, { planId: plan.id, customer: "lapsing" });
    const tier = async () => (await getCustomer(ctx, { externalId: "lapsing" })).tier;
    const s = ctx.store.id;
    const lapse = async () => {
      await getDb().execute(sql`update score_runs set as_of = as_of - interval '1 hour', started_at = started_at - interval '1 hour' where store_id = ${s}`);
      await getDb().execute(sql`
        update customer_memberships set starts_at = now() - interval '30 days', ends_at = now() - interval '1 second'
        where store_id = ${s} and id = ${enrolled.id}`);
    };
    return { ctx, s, tier, lapse };
  }

  it("drops the lift once the membership runs out, at the next page that shows tiers", async () => {
    const { ctx, s, tier, lapse } = await goldMemberScored();
    expect(await tier()).toBe("gold");
    expect(await rescoreIfMembershipsLapsed(s)).toBe(false);

    // An hour on: the scores were taken an hour ago, and the membership ran out since.
    await lapse();
    expect(await tier()).toBe("gold");
    // The API's read of the customer rescores first (as the pages that show tiers do).
    const call = await apiClient(ctx);
    expect((await call(getCustomerRoute, { params: { externalId: "lapsing" } })).body).toMatchObject({ tier: "ordinary" });
    expect(await tier()).toBe("ordinary");
    expect(await rescoreIfMembershipsLapsed(s)).toBe(false);

    // Scores taken as of a past moment show that moment: a membership that ended since is left alone.
    await recomputeScores(s, { asOf: plus(-400) });
    expect(await rescoreIfMembershipsLapsed(s)).toBe(false);
  });

  it("drops the lift at the customers page too, whose summary asks in its own statement", async () => {
    const { ctx, s, tier, lapse } = await goldMemberScored();
    const before = await currentScoreSummary(ctx);
    expect(before).toMatchObject({ customers: 1 });
    expect(await tier()).toBe("gold");

    await lapse();
    const after = await currentScoreSummary(ctx);
    expect(await tier()).toBe("ordinary");
    // Rescored: the summary is of a run newer than the one made an hour old.
    expect(after!.computedAt.getTime()).toBeGreaterThan(before!.computedAt.getTime() - 3_600_000);
    // Once: the next view reads the same run.
    expect((await currentScoreSummary(ctx))!.computedAt).toEqual(after!.computedAt);
    expect(await rescoreIfMembershipsLapsed(s)).toBe(false);
  });

  it("refuses to cancel a membership that has ended, leaving the customer's current one alone", async () => {
    const ctx = await makeStore("mem");
    const plan = await createPlan(ctx, { name: "Gold card", fee: 9900, lengthDays: 30, tier: "gold" });
    const customer = await makeCustomer(ctx, "member");
    const ended = await enrolCustomer(ctx, { planId: plan.id, customer: "member" }, plus(-60));
    await enrolCustomer(ctx, { planId: plan.id, customer: "member" }, plus(-10));
    expect((await refusal(cancelMembership(ctx, ended.id, t0))).key).toBe("pricing.errors.membershipOver");
    expect(await activeMembership(getDb(), ctx.store.id, customer.id, t0)).toMatchObject({ tier: "gold" });
  });

  it("lists expiries in the next 30 days and plan counts", async () => {
    const ctx = await makeStore("mem");
    const plan = await createPlan(ctx, { name: "Silver card", fee: 1000, lengthDays: 40, tier: "silver" });
    await makeCustomer(ctx, "soon");
    await makeCustomer(ctx, "later");
    await enrolCustomer(ctx, { planId: plan.id, customer: "soon" }, plus(-20)); // ends day 20
    await enrolCustomer(ctx, { planId: plan.id, customer: "later" }, plus(0)); // ends day 40
    const expiring = await listExpiringMembers(ctx, { at: t0 });
    expect(expiring.rows.map((m) => m.customerExternalId)).toEqual(["soon"]);
    expect(expiring.total).toBe(1);
    expect((await listPlans(ctx, t0))[0]).toMatchObject({ name: "Silver card", activeMembers: 2 });
  });

  it("runs a plan's days on the store's calendar, across a change of the clocks", async () => {
    const ctx = await londonStore();
    const plan = await createPlan(ctx, { name: "Month card", fee: 1000, lengthDays: 30, tier: "silver" });
    await makeCustomer(ctx, "spring");
    await makeCustomer(ctx, "autumn");
    // 20 March 23:30 GMT + 30 days is 19 April 23:30 BST, not 30 × 24 hours (20 April 00:30).
    const spring = await enrolCustomer(ctx, { planId: plan.id, customer: "spring" }, new Date("2026-03-20T23:30:00Z"));
    expect(spring.endsAt).toEqual(new Date("2026-04-19T22:30:00Z"));
    expect(storeDate(spring.endsAt, "Europe/London")).toBe("2026-04-19");
    // 20 October 00:30 BST + 30 days is 19 November 00:30 GMT, not 18 November 23:30.
    const autumn = await enrolCustomer(ctx, { planId: plan.id, customer: "autumn" }, new Date("2026-10-19T23:30:00Z"));
    expect(autumn.endsAt).toEqual(new Date("2026-11-19T00:30:00Z"));
    // A renewal follows on from the end for as many days of the calendar.
    const renewal = await renewMembership(ctx, { membershipId: spring.id }, new Date("2026-04-01T12:00:00Z"));
    expect(renewal).toMatchObject({ startsAt: spring.endsAt, endsAt: new Date("2026-05-19T22:30:00Z") });
  });

  it("lists as expiring in the next 30 days every membership ending by the end of the store's 30th day", async () => {
    const ctx = await londonStore();
    const plan = await createPlan(ctx, { name: "Forty days", fee: 1000, lengthDays: 40, tier: "silver" });
    // Seen on 1 July at 10:00 BST, 31 July is the 30th day. Two end on 31 July, as the page shows
    // them, one at 09:00 and one at 20:00: the later is not left out for ending later in the day
    // than it is now. One ends on 1 August at 00:30.
    for (const [who, start] of [["morning", "2026-06-21T08:00:00Z"], ["evening", "2026-06-21T19:00:00Z"], ["august", "2026-06-21T23:30:00Z"]] as const) {
      await makeCustomer(ctx, who);
      await enrolCustomer(ctx, { planId: plan.id, customer: who }, new Date(start));
    }
    const expiring = await listExpiringMembers(ctx, { at: new Date("2026-07-01T09:00:00Z") });
    expect(expiring.rows.map((m) => m.customerExternalId)).toEqual(["morning", "evening"]);
  });

  it("finds a text of one or two characters in a name or an ID exactly as reading every member does, through the indexes", async () => {
    const ctx = await makeStore("mem-short");
    const other = await makeStore("mem-short-other");
    const plan = await createPlan(ctx, { name: "Gold card", fee: 9900, lengthDays: 30, tier: "gold" });
    const people: [string, string][] = [
      ["WX-1001", "王芳"],
      ["WX-1002", "王小芳"], // 王 and 芳, not 王芳 in a row
      ["WX-2003", "李王"],
      ["TB-77", "Fang Wang"],
      ["tb-78", "138****7701"],
      ["王-9", "张伟"], // 王 in the ID only
      ["C-0042", ""],
      ["100%", "百分"],
    ];
    const ids: number[] = [];
    for (const [externalId, name] of people) {
      const c = await makeCustomer(ctx, externalId);
      await getDb().update(customers).set({ name }).where(eq(customers.id, c.id));
      ids.push(c.id);
    }
    const enrol = (storeId: number, planId: number, customerIds: number[], ends: Date) =>
      getDb().execute(sql`
        insert into customer_memberships (store_id, customer_id, plan_id, tier, fee_paid, starts_at, ends_at)
        select ${storeId}, id, ${planId}, 'gold', 9900, ${t0}, ${ends} from unnest(${`{${customerIds.join(",")}}`}::bigint[]) as id`);
    // Every one a member but the last, whose membership has ended.
    await enrol(ctx.store.id, plan.id, ids.slice(0, -1), plus(20));
    await enrol(ctx.store.id, plan.id, ids.slice(-1), plus(1));
    // A customer holding the texts who is no member, and another store's member.
    await getDb().update(customers).set({ name: "王芳" }).where(eq(customers.id, (await makeCustomer(ctx, "WX-9999")).id));
    const otherPlan = await createPlan(other, { name: "Gold card", fee: 9900, lengthDays: 30, tier: "gold" });
    const stranger = await makeCustomer(other, "WX-1001");
    await getDb().update(customers).set({ name: "王芳" }).where(eq(customers.id, stranger.id));
    await enrol(other.store.id, otherPlan.id, [stranger.id], plus(20));

    const at = plus(5);
    const found = async (q: string) => {
      const page = await activeMembersPage(ctx, { at, q, pageSize: 50 });
      return { ids: page.rows.map((r) => r.customerExternalId).sort(), total: page.total };
    };
    // What the search found before it went through the indexes: every member's customer read.
    const everyMember = async (q: string) => {
      const { rows } = await getDb().execute<{ id: string }>(sql`
        select c.external_id as id from customer_memberships m join customers c on c.store_id = m.store_id and c.id = m.customer_id
        where m.store_id = ${ctx.store.id} and m.starts_at <= ${at} and m.ends_at > ${at} and m.cancelled_at is null
          and (c.name ilike ${`%${escapeLike(q)}%`} or c.external_id ilike ${`%${escapeLike(normalizeExternalId(q))}%`})`);
      const sorted = rows.map((r) => r.id).sort();
      return { ids: sorted, total: sorted.length };
    };
    const expected: Record<string, string[]> = {
      王: ["WX-1001", "WX-1002", "WX-2003", "王-9"],
      王芳: ["WX-1001"],
      芳: ["WX-1001", "WX-1002"],
      茶: [],
      w: ["TB-77", "WX-1001", "WX-1002", "WX-2003"],
      "X-": ["WX-1001", "WX-1002", "WX-2003"],
      tB: ["TB-77", "tb-78"],
      "77": ["TB-77", "tb-78"], // TB-77's ID, tb-78's name (138****7701)
      "9": ["王-9"],
      "%": [], // a character, not a wildcard: 100% is no longer a member
      "０": ["C-0042", "WX-1001", "WX-1002", "WX-2003"], // typed in full width, an ID's 0
      "-": ["C-0042", "TB-77", "WX-1001", "WX-1002", "WX-2003", "tb-78", "王-9"], // every member
    };
    for (const [q, ids] of Object.entries(expected)) {
      const sorted = [...ids].sort();
      expect(await found(q), q).toEqual({ ids: sorted, total: sorted.length });
      expect(await everyMember(q), q).toEqual({ ids: sorted, total: sorted.length });
    }

    // Through the names' and the IDs' indexes, one select each, without pg_trgm's (dropped, and
    // put back by the rollback): with sequential scans ruled out, the planner takes them for
    // either length (it could not, were the IDs' missing: the search read every member's customer).
    for (const [q, kind] of [["王", "chars"], ["王芳", "bigrams"], ["7", "chars"], ["tB", "bigrams"]] as const) {
      const [names, ids, ...more] = await searchPlans(await memberSearchConditions(ctx.store.id, q));
      expect(more, q).toEqual([]);
      expect(names, q).toMatch(new RegExp(`Bitmap Index Scan on customers_name_${kind}_idx`));
      expect(ids, q).toMatch(new RegExp(`Bitmap Index Scan on customers_external_id_${kind}_idx`));
    }
  });

  it("reads through the members for a text of one character most customers hold, still exactly", async () => {
    const ctx = await makeStore("mem-common");
    const plan = await createPlan(ctx, { name: "Gold card", fee: 9900, lengthDays: 30, tier: "gold" });
    // 2,000 customers with a 0 in their ID, every other one a member, and one 鑫.
    await getDb().execute(sql`
      insert into customers (store_id, external_id, name)
      select ${ctx.store.id}, 'C' || lpad(n::text, 5, '0'), case when n = 7 then '金鑫' else 'Buyer ' || n end from generate_series(1, 2000) n`);
    await getDb().execute(sql`
      insert into customer_memberships (store_id, customer_id, plan_id, tier, fee_paid, starts_at, ends_at)
      select store_id, id, ${plan.id}, 'gold', 9900, ${t0}, ${plus(20)} from customers
      where store_id = ${ctx.store.id} and right(external_id, 1)::int % 2 = 1`);
    const at = plus(5);
    // Handed the characters' condition as well, each of the customers read through would compute it.
    const common = await searchPlans(await memberSearchConditions(ctx.store.id, "0"));
    expect(common).toHaveLength(1);
    expect(common[0]).not.toMatch(/name_chars/);
    expect((await searchPlans(await memberSearchConditions(ctx.store.id, "鑫")))[0]).toMatch(/customers_name_chars_idx/);
    expect((await activeMembersPage(ctx, { at, q: "0" })).total).toBe(1000);
    expect((await activeMembersPage(ctx, { at, q: "1" })).total).toBe(
      Array.from({ length: 2000 }, (_, i) => `C${String(i + 1).padStart(5, "0")}`).filter((id) => Number(id.at(-1)) % 2 === 1 && id.includes("1")).length,
    );
    expect((await activeMembersPage(ctx, { at, q: "鑫" })).rows.map((r) => r.customerExternalId)).toEqual(["C00007"]);
  });

  it("lists members for the owner only", async () => {
    const ctx = await makeStore("mem");
    const staff = asStaff(ctx);
    expect((await refusal(activeMembersPage(staff))).code).toBe("forbidden");
    expect((await refusal(listExpiringMembers(staff))).code).toBe("forbidden");
  });

  it("shows the expiries ending soonest and counts them all", async () => {
    const ctx = await makeStore("mem");
    const plan = await createPlan(ctx, { name: "Short card", fee: 1000, lengthDays: 10, tier: "silver" });
    for (const day of [3, 1, 2]) {
      await makeCustomer(ctx, `ends-${day}`);
      await enrolCustomer(ctx, { planId: plan.id, customer: `ends-${day}` }, plus(day - 10));
    }
    const expiring = await listExpiringMembers(ctx, { at: t0, limit: 2 });
    expect(expiring.rows.map((m) => m.customerExternalId)).toEqual(["ends-1", "ends-2"]);
    expect(expiring.total).toBe(3);
  });

  it("is the owner's to change, refuses archived plans, a duplicate name and other stores' plans", async () => {
    const ctx = await makeStore("mem");
    const other = await makeStore("mem-other");
    const plan = await createPlan(ctx, { name: "Crown card", fee: 19900, lengthDays: 365, tier: "crown" });
    await makeCustomer(ctx, "c1");
    await makeCustomer(other, "c1");
    expect((await refusal(createPlan(asStaff(ctx), { name: "X", fee: 1, lengthDays: 1, tier: "gold" }))).code).toBe("forbidden");
    expect((await refusal(enrolCustomer(asStaff(ctx), { planId: plan.id, customer: "c1" }))).code).toBe("forbidden");
    expect((await refusal(createPlan(ctx, { name: "Crown card", fee: 1, lengthDays: 1, tier: "gold" }))).key).toBe(
      "pricing.errors.planExists",
    );
    expect((await refusal(enrolCustomer(other, { planId: plan.id, customer: "c1" }))).key).toBe("pricing.errors.noSuchPlan");
    expect((await refusal(enrolCustomer(ctx, { planId: plan.id, customer: "nobody" }))).key).toBe("pricing.errors.noSuchCustomer");
    // Two customers of one name (common on the platform): which one is meant, only the buyer ID says.
    const [a, b] = [await makeCustomer(ctx, "k-a"), await makeCustomer(ctx, "k-b")];
    await getDb().update(customers).set({ name: "开心果" }).where(inArray(customers.id, [a.id, b.id]));
    const shared = await refusal(enrolCustomer(ctx, { planId: plan.id, customer: "开心果" }));
    expect(shared).toMatchObject({ key: "pricing.errors.customerNameShared", details: [{ path: "customer" }] });
    const member = await enrolCustomer(ctx, { planId: plan.id, customer: "c1" });
    await setPlanArchived(ctx, plan.id, true);
    expect((await refusal(enrolCustomer(ctx, { planId: plan.id, customer: "k-a" }))).key).toBe("pricing.errors.planArchived");
    // A member of the archived plan is told how to renew, not that it takes no new members.
    expect((await refusal(renewMembership(ctx, { membershipId: member.id }))).key).toBe("pricing.errors.planArchivedRenewal");
  });
});

describe("two owners at once", () => {
  const paidPeriods = async (storeId: number, customerId: number) =>
    getDb()
      .select({ startsAt: customerMemberships.startsAt, endsAt: customerMemberships.endsAt, feePaid: customerMemberships.feePaid })
      .from(customerMemberships)
      .where(and(eq(customerMemberships.storeId, storeId), eq(customerMemberships.customerId, customerId), isNull(customerMemberships.cancelledAt)))
      .orderBy(customerMemberships.startsAt);

  it("records one renewal, not two fees, when both renew the membership their pages showed", async () => {
    const ctx = await makeStore("mem");
    const plan = await createPlan(ctx, { name: "Gold card", fee: 9900, lengthDays: 30, tier: "gold" });
    const customer = await makeCustomer(ctx, "buyer-r");
    const enrolled = await enrolCustomer(ctx, { planId: plan.id, customer: "buyer-r" }, t0);
    // Both pages say "until day 30" and offer to renew from there.
    const both = await Promise.allSettled([1, 2].map(() => renewMembership(ctx, { membershipId: enrolled.id, after: plus(30) }, plus(20))));
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = (both.find((r) => r.status === "rejected") as PromiseRejectedResult).reason;
    expect(refused).toMatchObject({ code: "conflict", key: "pricing.errors.renewedMeanwhile", times: { until: { at: plus(60), day: true } } });
    expect(refused.message).toContain("until 2026-06-30");
    expect(await paidPeriods(ctx.store.id, customer.id)).toEqual([
      { startsAt: t0, endsAt: plus(30), feePaid: 9900 },
      { startsAt: plus(30), endsAt: plus(60), feePaid: 9900 },
    ]);
    // The page now shows "renewed until day 60": a renewal from there is another period, as asked.
    expect(await renewMembership(ctx, { membershipId: enrolled.id, after: plus(60) }, plus(21))).toMatchObject({ startsAt: plus(60), endsAt: plus(90) });
  });

  it("refuses to renew a membership cancelled meanwhile, rather than charge for a period nobody has", async () => {
    const ctx = await makeStore("mem");
    const plan = await createPlan(ctx, { name: "Gold card", fee: 9900, lengthDays: 30, tier: "gold" });
    const customer = await makeCustomer(ctx, "buyer-c");
    const enrolled = await enrolCustomer(ctx, { planId: plan.id, customer: "buyer-c" }, t0);
    await cancelMembership(ctx, enrolled.id, plus(10));
    expect(await refusal(renewMembership(ctx, { membershipId: enrolled.id, after: plus(30) }, plus(11)))).toMatchObject({
      code: "conflict",
      key: "pricing.errors.membershipCancelled",
    });
    expect(await paidPeriods(ctx.store.id, customer.id)).toEqual([]);
  });

  it.skipIf(!onPostgres)("cancels a renewal being recorded at that moment too: the cancellation waits for it", async () => {
    const ctx = await makeStore("mem");
    const plan = await createPlan(ctx, { name: "Gold card", fee: 9900, lengthDays: 30, tier: "gold" });
    const customer = await makeCustomer(ctx, "buyer-rc");
    const enrolled = await enrolCustomer(ctx, { planId: plan.id, customer: "buyer-rc" }, t0);
    // A renewal half done, as renewMembership does it: the customer locked, the next period written, not committed.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const inside = new Promise<void>((resolve) => (written = resolve));
    const renewal = getDb().transaction(async (tx) => {
      await tx.execute(sql`select 1 from customers where store_id = ${ctx.store.id} and id = ${customer.id} for no key update`);
      await tx.insert(customerMemberships).values({
        storeId: ctx.store.id, customerId: customer.id, planId: plan.id, tier: "gold", feePaid: 9900,
        startsAt: plus(30), endsAt: plus(60), renewsMembershipId: enrolled.id,
      });
      written();
      await released;
    });
    await inside;
    const cancel = cancelMembership(ctx, enrolled.id, plus(10));
    try {
      expect(await within(cancel, 500)).toBe("still waiting");
    } finally {
      release();
      await renewal;
    }
    // Not a membership from day 30 on that the owner thought cancelled.
    expect(await cancel).toEqual({ cancelled: 2 });
    expect(await paidPeriods(ctx.store.id, customer.id)).toEqual([]);
  });
});
