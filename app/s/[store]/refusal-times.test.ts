import { beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { chosenRepeatedTime } from "@/lib/store-time";
import type { StoreContext } from "@/lib/stores/context";
import { renderServer } from "@/tests/render-server";

// A refusal that names times, shown by a page outside the action wrapper (a route the page calls,
// a GET form): in the reader's words, its day and time as the store's pages write them, not the
// API's "01:30 on 2026-11-01", nor in English.

vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
const ctx = vi.hoisted(
  () => ({ store: { id: 1, slug: "ny", name: "NY", currency: "USD", timezone: "America/New_York" }, role: "owner", userId: 1 }) as unknown as StoreContext,
);
vi.mock("@/lib/auth/session", () => ({ findActionStoreContext: async () => ctx, requireStore: async () => ctx }));
const refusal = vi.hoisted(() => ({ current: null as unknown as Error }));
const refuse = async () => {
  throw refusal.current;
};
vi.mock("@/lib/disputes/evidence", () => ({ addEvidence: refuse }));
vi.mock("@/lib/imports/start-import", () => ({ startUploadedImport: refuse }));
vi.mock("@/lib/imports/run-import", () => ({ getImport: refuse }));
vi.mock("@/lib/pricing/lookup", () => ({ lookUpPrice: refuse }));
vi.mock("@/components/ui/product-picker", () => ({ ProductPicker: () => null }));
vi.mock("next/navigation", () => import("@/tests/fake-navigation"));

const evidence = await import("./disputes/[id]/evidence/route");
const upload = await import("./imports/upload/route");
const importErrors = await import("./imports/[id]/errors/route");
const { PriceLookup } = await import("./products/_components/price-lookup");
const { inDisputeWords } = await import("./disputes/localize-error");

/** New York's 01:30 the night its clock goes back, as a form asks about it. */
function twiceRefusal(): AppError {
  try {
    chosenRepeatedTime("deadlineAt", "2026-11-01T01:30", "America/New_York", "ask");
  } catch (error) {
    return error as AppError;
  }
  throw new Error("01:30 was read");
}
const inStoreWords = "2026年11月1日 01:30 在 America/New_York 时区会出现两次：先是 UTC−04:00，时钟回拨后又是 UTC−05:00。请选择是哪一次。";

beforeEach(() => {
  refusal.current = twiceRefusal();
});

const params = Promise.resolve({ store: "ny", id: "1" });

describe("a refusal naming times, shown by a store's page outside the action wrapper", () => {
  it("is worded so by the evidence upload the dispute page calls", async () => {
    const res = await evidence.POST(new Request("http://laoke.test/s/ny/disputes/1/evidence?name=a.png", { method: "POST", body: "x" }), { params });
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(inStoreWords);
  });

  it("is worded so by the import upload and the import's error report", async () => {
    const res = await upload.POST(new Request("http://laoke.test/s/ny/imports/upload?kind=orders&format=canonical&fileName=a.csv", { method: "POST", body: "x" }), {
      params: Promise.resolve({ store: "ny" }),
    });
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(inStoreWords);
    expect(await (await importErrors.GET(new Request("http://laoke.test/s/ny/imports/1/errors"), { params })).text()).toBe(inStoreWords);
  });

  it("is worded so by the products page's price lookup", async () => {
    const html = await renderServer(await PriceLookup({ ctx, base: "/s/ny/products", products: [], product: "P1" }));
    expect(html).toContain(inStoreWords);
  });

  it("keeps its times and links when a dispute's codes are put in the reader's words", async () => {
    const link = { text: "sale #4", href: "/s/ny/flash-sales/4" };
    const error = new AppError("invalid", "Cannot comment.", "disputes.errors.notAllowed", { status: "resolved", action: "comment", allowed: "draft" }, [], [link]).withTimes({
      since: { at: new Date("2026-11-30T12:00:00Z"), day: true },
    });
    const worded = await inDisputeWords(error);
    expect(worded.values).toMatchObject({ status: "已解决" });
    expect(worded.times).toEqual(error.times);
    expect(worded.links).toEqual([link]);
  });
});
