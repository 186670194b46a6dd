import { describe, expect, it, vi } from "vitest";
import { setLegalThreshold } from "@/lib/disputes/settings";
import type { StoreContext } from "@/lib/stores/context";
import { asStaff, makeStore } from "@/tests/factories";
import { renderServer } from "@/tests/render-server";

// The parties directory as a staff member reads it, in Chinese: under each party, which disputes
// Laoke sends there first, which it may escalate there, and the rules that bring a party forward.
vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
const session = vi.hoisted(() => ({ ctx: null as unknown as StoreContext }));
vi.mock("@/lib/auth/session", () => ({ requireStore: async () => session.ctx }));
const { default: PartiesPage } = await import("./page");

async function routesOf() {
  // The page's parts are async server components: renderServer awaits them, as Next.js does.
  const html = await renderServer(await PartiesPage({ params: Promise.resolve({ store: session.ctx.store.slug }) }));
  const parties = [...html.matchAll(/<li data-party="(\w+)".*?data-testid="party-routes">(.*?)<\/ul>/gs)];
  return Object.fromEntries(parties.map(([, party, routes]) => [party, [...routes!.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1])]));
}

describe("the parties directory", () => {
  it("says under each party which dispute types go there first, which may escalate there, and the rules that bring it forward", async () => {
    const owner = await makeStore("parties-page");
    await setLegalThreshold(owner, 2_000_000);
    session.ctx = asStaff(owner);
    const routes = await routesOf();

    expect(routes.ecommerce_association).toEqual(["这些维权案件可能升级到此方：平台不公平对待。"]);
    expect(routes.supplier).toEqual(["老客首先将这些维权案件交给此方：供应商质量问题。"]);
    expect(routes.platform).toEqual([
      "老客首先将这些维权案件交给此方：被指侵权/假货、恶意投诉、虚假退货、平台不公平对待和恶意竞争。",
      "这些维权案件可能升级到此方：知识产权侵权和品牌授权争议。",
    ]);
    expect(routes.lawyer).toHaveLength(2);
    expect(routes.lawyer![0]).toMatch(/^这些维权案件可能升级到此方：知识产权侵权、.*品牌授权争议。$/);
    // The store's own threshold, in its currency.
    expect(routes.lawyer![1]).toBe("争议金额达到 ¥20,000.00（法律门槛）或以上的维权案件，紧随首要处理方之后交给此方。");
    expect(routes.consumer_protection_agency).toEqual([
      "这些维权案件可能升级到此方：恶意投诉和虚假退货。",
      "投诉人此前已有 3 起或以上恶意投诉或虚假退货类维权案件的，紧随首要处理方之后交给此方。",
    ]);
    expect(Object.keys(routes)).toHaveLength(8);
  });
});
