import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { recomputeScores } from "@/lib/customers/recompute";
import { listEvidence } from "@/lib/disputes/evidence";
import type { StoreContext } from "@/lib/stores/context";
import { makeStore } from "@/tests/factories";
import { idSpellings, pathRecords } from "@/tests/path-ids";
import { storeData } from "@/tests/store-data";
import { tempDirs } from "@/tests/temp-dir";

vi.mock("@/lib/i18n/server", () => import("@/tests/chinese-request"));
const session = vi.hoisted(() => ({ ctx: null as unknown as StoreContext }));
vi.mock("@/lib/auth/session", () => ({ findActionStoreContext: async () => session.ctx, requireStore: async () => session.ctx }));
const customerPage = await import("./customers/[id]/page");
const disputePage = await import("./disputes/[id]/page");
const customerActivityPage = await import("./customers/[id]/[kind]/page");
const disputeEditPage = await import("./disputes/[id]/edit/page");
const packetPage = await import("./disputes/[id]/packet/page");
const salePage = await import("./flash-sales/[id]/page");
const importErrors = await import("./imports/[id]/errors/route");
const importStatus = await import("./imports/[id]/status/route");
const saleLive = await import("./flash-sales/[id]/live/route");
const saleReminders = await import("./flash-sales/[id]/reminders/route");
const packetDownload = await import("./disputes/[id]/packet/download/route");
const evidenceUpload = await import("./disputes/[id]/evidence/route");
const evidenceDownload = await import("./disputes/[id]/evidence/[evidenceId]/route");

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("IHDR fake image body")]);
const tempDir = tempDirs("laoke-path-ids-");
beforeAll(() => {
  process.env.LAOKE_EVIDENCE_DIR = tempDir();
});
afterAll(() => {
  delete process.env.LAOKE_EVIDENCE_DIR;
});

// The console's pages and downloads read an id in the path as the API does: the digits it gave
// out. With Number(id) || 0, /s/<store>/imports/0x1/errors was import 1's report.

type Route = (request: Request, route: { params: Promise<{ store: string; id: string }> }) => Promise<Response>;

/** A page's answer: its title, or 404 where it called notFound(). */
async function pageStatus(read: () => Promise<unknown>): Promise<number> {
  try {
    await read();
    return 200;
  } catch (error) {
    if ((error as { digest?: string }).digest === "NEXT_HTTP_ERROR_FALLBACK;404") return 404;
    throw error;
  }
}

describe("an id in a console path", () => {
  it("is found as the app wrote it, and any other spelling of it is not found (404)", async () => {
    const ctx = await makeStore("pagepathid");
    session.ctx = ctx;
    const { saleId, disputeId, importId } = await pathRecords(ctx);
    const shop = storeData(ctx);
    await shop.order("C1", "2026-05-01T12:00:00Z", 5_000);
    await recomputeScores(ctx.store.id);
    const customerId = await shop.customer("C1");

    const route = (handler: Route, path: string) => async (id: string) =>
      (await handler(new Request(`http://laoke.test/s/${ctx.store.slug}/${path}`), { params: Promise.resolve({ store: ctx.store.slug, id }) })).status;
    type PageArgs = { params: Promise<{ store: string; id: string; kind: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
    const page = (meta: (args: PageArgs) => Promise<unknown>) => (id: string) =>
      pageStatus(() => meta({ params: Promise.resolve({ store: ctx.store.slug, id, kind: "orders" }), searchParams: Promise.resolve({}) }));
    const reads = [
      { what: "import errors download", id: importId, read: route(importErrors.GET, "imports/x/errors") },
      { what: "import status poll", id: importId, read: route(importStatus.GET, "imports/x/status") },
      { what: "flash sale live poll", id: saleId, read: route(saleLive.GET, "flash-sales/x/live") },
      { what: "flash sale reminders download", id: saleId, read: route(saleReminders.GET, "flash-sales/x/reminders") },
      { what: "case packet download", id: disputeId, read: route(packetDownload.GET, "disputes/x/packet/download") },
      {
        what: "evidence upload",
        id: disputeId,
        read: async (id: string) =>
          (
            await evidenceUpload.POST(new Request(`http://laoke.test/s/${ctx.store.slug}/disputes/x/evidence?name=shot.png`, { method: "POST", body: png }), {
              params: Promise.resolve({ store: ctx.store.slug, id }),
            })
          ).status,
      },
      { what: "dispute page", id: disputeId, read: page(disputePage.generateMetadata) },
      { what: "flash sale page", id: saleId, read: page(salePage.generateMetadata) },
      { what: "customer page", id: customerId, read: page(customerPage.generateMetadata) },
      { what: "customer's orders page", id: customerId, read: page(customerActivityPage.generateMetadata) },
      { what: "dispute draft's edit page", id: disputeId, read: page(disputeEditPage.default) },
      { what: "case packet page", id: disputeId, read: page(packetPage.default) },
    ];
    const evidence = (disputeText: string, evidenceText: string) =>
      evidenceDownload
        .GET(new Request(`http://laoke.test/s/${ctx.store.slug}/disputes/x/evidence/y`), {
          params: Promise.resolve({ store: ctx.store.slug, id: disputeText, evidenceId: evidenceText }),
        })
        .then((response) => response.status);
    for (const { what, id, read } of reads) {
      expect(await read(String(id)), `${what} ${id}`).toBeLessThan(300);
      for (const spelt of idSpellings(id)) expect(await read(spelt), `${what} ${JSON.stringify(spelt)}`).toBe(404);
    }
    // The upload above kept the first evidence file of the dispute.
    const [file] = await listEvidence(ctx, disputeId);
    expect(await evidence(String(disputeId), String(file!.id))).toBe(200);
    for (const spelt of idSpellings(disputeId)) expect(await evidence(spelt, String(file!.id)), `evidence's dispute ${JSON.stringify(spelt)}`).toBe(404);
    for (const spelt of idSpellings(file!.id)) expect(await evidence(String(disputeId), spelt), `evidence ${JSON.stringify(spelt)}`).toBe(404);
  });
});
