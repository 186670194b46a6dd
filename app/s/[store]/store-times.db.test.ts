import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { flashSales, imports } from "@/db/schema";
import { createApiToken } from "@/lib/api-tokens/tokens";
import { recomputeScores } from "@/lib/customers/recompute";
import { markQueueSeen } from "@/lib/reps/assignments";
import { ensureUserWithRole } from "@/lib/users/commands";
import { makeProduct } from "@/lib/flash-sales/test-helpers";
import { fillSlots } from "@/lib/flash-sales/stock";
import { enrolCustomer } from "@/lib/memberships/enrolments";
import { createPlan } from "@/lib/memberships/plans";
import { effectivePrice } from "@/lib/pricing/effective-price";
import { storeData } from "@/tests/store-data";
import { fileDispute, submitDispute } from "@/lib/disputes/commands";
import type { StoreContext } from "@/lib/stores/context";
import { asStaff, makeNewYorkStore } from "@/tests/factories";
import { renderServer } from "@/tests/render-server";

// The pages of a store whose clock goes back, in Chinese: a time in the repeated hour names which
// of the two it is, by its offset, wherever it is shown. New York goes back from 02:00 EDT to
// 01:00 EST on 1 November 2026, so 01:30 comes at 05:30 UTC (the first) and at 06:30 UTC (the second).
vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
vi.mock("next/navigation", () => import("@/tests/fake-navigation"));
// The whole catalogue is given to the client components already (renderServer).
vi.mock("@/components/client-messages", () => ({ ClientMessages: ({ children }: { children: unknown }) => children }));
const session = vi.hoisted(() => ({ ctx: null as unknown as StoreContext }));
vi.mock("@/lib/auth/session", () => ({ requireStore: async () => session.ctx }));

const FIRST = new Date("2026-11-01T05:30:00Z");
const SECOND = new Date("2026-11-01T06:30:00Z");
const first = "2026年11月1日 01:30（第一次，UTC−04:00）";
const second = "2026年11月1日 01:30（第二次，UTC−05:00）";

/** A dispute filed at the first 01:30 and submitted at the second, due at the second. */
async function disputeInTheRepeatedHour(ctx: StoreContext) {
  const { id } = await fileDispute(
    ctx,
    { type: "ip_infringement", title: "Copied photos", description: "Our photos.", amountAtStake: 10_000, infringedRight: "Copyright", infringingListing: "https://example.com/x" },
    { now: FIRST, draft: true },
  );
  await submitDispute(ctx, id, { now: SECOND });
  await getDb().execute(sql`update disputes set deadline_at = ${SECOND} where store_id = ${ctx.store.id} and id = ${id}`);
  return id;
}

describe("a time in the hour the store's clock repeats", () => {
  it("is told apart on the disputes list: a deadline", async () => {
    const ctx = await makeNewYorkStore("times-disputes");
    session.ctx = ctx;
    await disputeInTheRepeatedHour(ctx);
    const { default: DisputesPage } = await import("./disputes/page");
    const html = await renderServer(await DisputesPage({ params: Promise.resolve({ store: ctx.store.slug }), searchParams: Promise.resolve({}) }));
    expect(html).toContain(second);
  });

  it("is told apart on a dispute's page (its deadline and timeline) and in its case packet", async () => {
    const ctx = await makeNewYorkStore("times-dispute");
    session.ctx = ctx;
    const id = await disputeInTheRepeatedHour(ctx);
    const { default: DisputePage } = await import("./disputes/[id]/page");
    const page = await renderServer(await DisputePage({ params: Promise.resolve({ store: ctx.store.slug, id: String(id) }), searchParams: Promise.resolve({}) }));
    expect([page.includes(first), page.includes(second)]).toEqual([true, true]);
    // The deadline form shows the deadline's time and which of the two it is, as a sale's form does:
    // saved unchanged, it stays the second, not read as the first.
    const choice = /<fieldset[^>]*data-testid="deadlineAt-occurrence".*?<\/fieldset>/s.exec(page)?.[0] ?? "";
    // Its day as the page writes days: it said "2026-11-01".
    expect(choice).toContain("新期限：2026年11月1日 01:30 在 America/New_York 时区会出现两次（当晚时钟回拨）。是哪一次？");
    expect(choice).toContain(`<input type="radio" name="deadlineAtOccurrence" checked="" value="second"/>第二次，UTC−05:00`);
    expect(choice).not.toMatch(/value="first" checked/);

    const { loadPacket } = await import("./disputes/[id]/packet/load-packet");
    const { casePacketDocument } = await import("./disputes/[id]/packet/packet-html");
    const packet = casePacketDocument(await loadPacket(ctx, id));
    expect([packet.includes(first), packet.includes(second)]).toEqual([true, true]);
  });

  it("is told apart in the staff's work queue on the dashboard: a dispute's deadline, today's flash sales", async () => {
    const ctx = await makeNewYorkStore("times-queue");
    await disputeInTheRepeatedHour(ctx);
    // A sale running since the first 01:30 and still today: its start is written with its day.
    const product = await makeProduct(ctx);
    await getDb()
      .insert(flashSales)
      .values({ storeId: ctx.store.id, productId: product.id, price: 7_900, quantity: 5, startsAt: FIRST, endsAt: new Date(Date.now() + 2 * 86_400_000) });
    const { StaffWorkQueue } = await import("./_components/staff-work-queue");
    const html = await renderServer(await StaffWorkQueue({ ctx: asStaff(ctx) }));
    expect(html).toContain(second);
    expect(/data-testid="flash-today".*?<\/li>/s.exec(html)?.[0]).toContain(first);
  });

  it("is told apart in the imports history", async () => {
    const ctx = await makeNewYorkStore("times-imports");
    session.ctx = ctx;
    await getDb().insert(imports).values([
      { storeId: ctx.store.id, kind: "orders", format: "canonical", fileName: "first.csv", status: "succeeded", createdAt: FIRST },
      { storeId: ctx.store.id, kind: "orders", format: "canonical", fileName: "second.csv", status: "succeeded", createdAt: SECOND },
    ]);
    const { default: ImportsPage } = await import("./imports/page");
    const html = await renderServer(await ImportsPage({ params: Promise.resolve({ store: ctx.store.slug }) }));
    expect(html).toContain(first);
    expect(html).toContain(second);
  });

  it("is told apart on a customer's page: orders, returns, flash-sale claims, the last order, when the score was computed", async () => {
    const ctx = await makeNewYorkStore("times-customer");
    session.ctx = ctx;
    const d = storeData(ctx);
    await d.order("A", FIRST.toISOString(), 10_000);
    await d.order("A", SECOND.toISOString(), 10_000);
    await d.return("A", SECOND.toISOString(), 5_000, "completed");
    const customerId = await d.customer("A");
    const product = await makeProduct(ctx);
    const [sale] = await getDb()
      .insert(flashSales)
      .values({ storeId: ctx.store.id, productId: product.id, price: 7_900, quantity: 5, startsAt: new Date("2026-11-01T04:00:00Z"), endsAt: new Date("2026-11-01T08:00:00Z") })
      .returning({ id: flashSales.id });
    await getDb().execute(sql`
      insert into flash_sale_claims (store_id, sale_id, customer_id, quantity, unit_price, tier, idempotency_key, claimed_at)
      values (${ctx.store.id}, ${sale!.id}, ${customerId}, 1, 7900, 'ordinary', 'k', ${SECOND})`);
    await recomputeScores(ctx.store.id, { asOf: SECOND });
    const { default: CustomerPage } = await import("./customers/[id]/page");
    const html = await renderServer(await CustomerPage({ params: Promise.resolve({ store: ctx.store.slug, id: String(customerId) }) }));
    // An activity table's time is a day and a time of day, each kept whole (DayAndTime); on a
    // phone the row's id stands under it, in the same cell.
    const times = [...html.matchAll(/break-keep ?"><time[^>]*>(.*?)<\/time>/g)].map(([, inner]) => inner!.replace(/<[^>]*>/g, ""));
    const cells = (time: string) => times.filter((text) => text === time).length;
    // The orders (both 01:30s) and the returns (the second).
    expect([cells(first), cells(second)]).toEqual([1, 2]);
    expect(html).toMatch(new RegExp(`最近订单</dt><dd[^>]*>${second}<`));
    expect(html).toMatch(new RegExp(`flash-sales/${sale!.id}">.*?<td class="px-2 py-1">${second}<`));
    expect(html).toContain(`评分时间 ${second}。`);
  });

  it("is told apart where the owner's dashboard and the customers list say when the scores were computed", async () => {
    const ctx = await makeNewYorkStore("times-scores");
    session.ctx = ctx;
    await storeData(ctx).order("A", FIRST.toISOString(), 10_000);
    await recomputeScores(ctx.store.id, { asOf: FIRST });
    await recomputeScores(ctx.store.id, { asOf: SECOND });
    const { default: DashboardPage } = await import("./page");
    const dashboard = await renderServer(await DashboardPage({ params: Promise.resolve({ store: ctx.store.slug }), searchParams: Promise.resolve({}) }));
    expect(/data-testid="scores-as-of">(.*?)<\/p>/.exec(dashboard)?.[1]).toContain(second);
    // The tier movement's caption: between the two recomputes.
    expect(dashboard).toContain(first);
    const { default: CustomersPage } = await import("./customers/page");
    const customers = await renderServer(await CustomersPage({ params: Promise.resolve({ store: ctx.store.slug }), searchParams: Promise.resolve({}) }));
    expect(customers).toContain(second);
  });

  it("is told apart where the settings say when an API token was last used", async () => {
    const ctx = await makeNewYorkStore("times-token");
    session.ctx = ctx;
    const token = await createApiToken(ctx, "ERP");
    await getDb().execute(sql`update api_tokens set last_used_at = ${SECOND} where store_id = ${ctx.store.id} and id = ${token.id}`);
    const { default: SettingsPage } = await import("./settings/page");
    const html = await renderServer(await SettingsPage({ params: Promise.resolve({ store: ctx.store.slug }) }));
    expect(html).toContain(second);
  });

  it("is told apart in a rep's queue of their customers and where a customer's page names their rep", async () => {
    const ctx = await makeNewYorkStore("times-reps");
    const { userId } = await ensureUserWithRole({ storeId: ctx.store.id, email: `rep-${ctx.store.slug}@test.laoke`, password: "staff-password", role: "staff" });
    const rep = asStaff(ctx, userId);
    const d = storeData(ctx);
    const customerId = await d.customer("A");
    await getDb().execute(sql`
      insert into rep_assignments (store_id, customer_id, user_id, assigned_by_user_id, assigned_at)
      values (${ctx.store.id}, ${customerId}, ${userId}, ${ctx.userId}, ${FIRST})`);
    await markQueueSeen(rep, FIRST);
    await d.order("A", SECOND.toISOString(), 10_000);
    const { MyCustomersQueue } = await import("./_components/my-customers-queue");
    const queue = await renderServer(await MyCustomersQueue({ ctx: rep }));
    expect([queue.includes(first), queue.includes(second)]).toEqual([true, true]);
    const { CustomerCare } = await import("./customers/[id]/_components/customer-care");
    const care = await renderServer(await CustomerCare({ ctx, customerId, isHighValue: true }));
    expect(/data-testid="rep-since">(.*?)<\/p>/.exec(care)?.[1]).toContain(first);
  });

  it("is told apart in a price's reasons (a flash sale's end), which write a membership's end as the page does", async () => {
    const ctx = await makeNewYorkStore("times-price");
    const product = await makeProduct(ctx, { price: 10_000, floorPrice: 5_000 });
    const customerId = await storeData(ctx).customer("A");
    const plan = await createPlan(ctx, { name: "金卡", fee: 5_000, lengthDays: 30, tier: "gold" });
    await enrolCustomer(ctx, { planId: plan.id, customer: "A" }, new Date("2026-10-20T16:00:00Z"));
    // Inserted after the enrolment, whose recompute would settle a sale ended by the test's clock.
    const [sale] = await getDb()
      .insert(flashSales)
      .values({ storeId: ctx.store.id, productId: product.id, price: 7_000, quantity: 5, startsAt: new Date("2026-11-01T04:00:00Z"), endsAt: SECOND })
      .returning({ id: flashSales.id });
    await fillSlots(getDb(), ctx.store.id, sale!.id, 5);
    const price = await effectivePrice(getDb(), ctx.store, product.id, customerId, { at: FIRST });
    const { PriceReasons } = await import("./products/_components/price-reasons");
    const html = await renderServer(await PriceReasons({ reasons: price.reasons, timeZone: ctx.store.timezone }));
    // It said "截至 2026-11-01 01:30-05:00（America/New_York）", the API's wording.
    expect(html).toContain(`截至 ${second}。`);
    expect(html).toContain("有效期至 2026年11月19日");
  });
});
