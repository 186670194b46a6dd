import { sql } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { createFlashSale } from "@/lib/flash-sales/commands";
import { draft, makeProduct, makeTieredCustomer } from "@/lib/flash-sales/test-helpers";
import type { StoreContext } from "@/lib/stores/context";
import { asStaff, makeNewYorkStore } from "@/tests/factories";
import { inChinese } from "@/tests/render-server";

// A sale's page as staff read it, in Chinese, in a store whose clock goes back while the sale runs.
vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
const session = vi.hoisted(() => ({ ctx: null as unknown as StoreContext }));
vi.mock("@/lib/auth/session", () => ({ requireStore: async () => session.ctx }));
// The client components tick and poll in the browser: their words are their own tests'.
vi.mock("../_components/sale-timing", () => ({ SaleTiming: () => null }));
vi.mock("./_components/live-counters", () => ({ LiveCounters: () => null }));
// The chart draws in the browser: what it is given to draw is kept.
const chart = vi.hoisted(() => ({ data: [] as { label: string; tick: string }[] }));
vi.mock("./_components/claims-chart", () => ({
  ClaimsChart: (props: { data: { label: string; tick: string }[] }) => {
    chart.data = props.data;
    return null;
  },
}));
const { default: FlashSalePage } = await import("./page");

describe("a flash sale's page", () => {
  it("tells the claims timeline's two 01:30s of the night the clock goes back apart, by their offsets", async () => {
    const owner = await makeNewYorkStore("fs-page-ny");
    session.ctx = asStaff(owner);
    const product = await makeProduct(owner, { stock: 100 });
    // New York goes back from 02:00 EDT to 01:00 EST on 7 November 2027: 01:30 comes at 05:30 and 06:30 UTC.
    const { id } = await createFlashSale(owner, product.id, draft(new Date("2027-11-07T04:00:00Z"), { endsAt: new Date("2027-11-07T08:00:00Z") }));
    const customer = await makeTieredCustomer(owner, "C-ny", "ordinary");
    for (const [key, at] of [["a", "2027-11-07T05:30:00Z"], ["b", "2027-11-07T06:30:00Z"]]) {
      await getDb().execute(sql`
        insert into flash_sale_claims (store_id, sale_id, customer_id, quantity, unit_price, tier, idempotency_key, claimed_at)
        values (${owner.store.id}, ${id}, ${customer}, 1, 7900, 'ordinary', ${key}, ${at}::timestamptz)`);
    }
    const html = renderToStaticMarkup(inChinese(await FlashSalePage({ params: Promise.resolve({ store: owner.store.slug, id: String(id) }) })));
    const timeline = /aria-labelledby="timeline".*?<\/section>/s.exec(html)?.[0] ?? "";
    const rows = [...timeline.matchAll(/<tr><td class="px-2 py-0.5">([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(rows).toEqual(["11/7 1:30（第一次，UTC−04:00）", "11/7 1:30（第二次，UTC−05:00）"]);
    // The chart's axis says which, without the offset that made those two ticks twice as long;
    // its tooltip (the label) says it whole.
    expect(chart.data.map((p) => [p.tick, p.label])).toEqual([
      ["11/7 1:30（第一次）", "11/7 1:30（第一次，UTC−04:00）"],
      ["11/7 1:30（第二次）", "11/7 1:30（第二次，UTC−05:00）"],
    ]);
    // The sale's own times, the first of them before the change, as before.
    expect(html).toContain("2027年11月7日 00:00");
  });
});
