import { describe, expect, it } from "vitest";
import { makeProduct } from "@/lib/flash-sales/test-helpers";
import { createImport } from "@/lib/imports/run-import";
import { apiClient } from "@/tests/api";
import { makeStore } from "@/tests/factories";
import { apiRefusal } from "@/tests/refusal";
import { GET as getDispute } from "./disputes/[id]/route";
import { POST as postDispute } from "./disputes/route";
import { POST as postClaim } from "./flash-sales/[id]/claims/route";
import { GET as getSale } from "./flash-sales/[id]/route";
import { POST as postSale } from "./flash-sales/route";
import { GET as getImport } from "./imports/[id]/route";

// An id in the path is the digits the API gave out. Read with Number(), "0x1f", "1e3", " 7" and
// "7.0" were ids too, and answered (or claimed from) the record they happened to make.
const spellings = (id: number) => [`0${id}`, `+${id}`, ` ${id}`, `${id}.0`, `${id}e0`, `0x${id.toString(16)}`, `${id}abc`, "0", "-1", "9".repeat(17)];

describe("an id in the path", () => {
  it("is found as the API wrote it, and any other spelling of it is not found (404)", async () => {
    const ctx = await makeStore("pathid");
    const call = await apiClient(ctx);
    const product = await makeProduct(ctx, { price: 10_000, floorPrice: 6_000, stock: 10 });
    const now = Date.now();
    const sale = await call(postSale, {
      body: { productExternalId: product.externalId, price: 8_000, quantity: 5, perCustomerLimit: 5, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString() },
    });
    const dispute = await call(postDispute, { body: { type: "fake_return", title: "Swapped item", draft: true } });
    const job = await createImport(ctx, { kind: "orders", format: "canonical", fileName: "orders.csv", skipInvalid: false });
    const reads = [
      { what: "flash sale", id: sale.body.id as number, read: (id: string) => call(getSale, { params: { id } }) },
      { what: "dispute", id: dispute.body.id as number, read: (id: string) => call(getDispute, { params: { id } }) },
      { what: "import", id: job.id, read: (id: string) => call(getImport, { params: { id } }) },
      {
        what: "flash sale",
        id: sale.body.id as number,
        read: (id: string) => call(postClaim, { params: { id }, body: { customerExternalId: "B1", idempotencyKey: `k-${id}` } }),
      },
    ];
    for (const { what, id, read } of reads) {
      expect((await read(String(id))).status, `${what} ${id}`).toBeLessThan(300);
      for (const spelt of spellings(id)) {
        const refused = await read(spelt);
        expect(apiRefusal(refused), `${what} ${JSON.stringify(spelt)}`).toEqual({ status: 404, code: "not_found", paths: [] });
        expect(refused.body.error.message).toBe(`No such ${what} in this store.`);
      }
    }
    // Only the claim with the id as written took a unit.
    expect((await call(getSale, { params: { id: String(sale.body.id) } })).body).toMatchObject({ sold: 1, remaining: 4 });
  });
});
