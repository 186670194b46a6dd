import { describe, expect, it } from "vitest";
import { makeStore } from "@/tests/factories";
import { idSpellings, pathRecords } from "@/tests/path-ids";
import { apiRefusal } from "@/tests/refusal";
import { GET as getDispute } from "./disputes/[id]/route";
import { POST as postClaim } from "./flash-sales/[id]/claims/route";
import { GET as getSale } from "./flash-sales/[id]/route";
import { GET as getImport } from "./imports/[id]/route";

// An id in the path is the digits the API gave out.
describe("an id in the path", () => {
  it("is found as the API wrote it, and any other spelling of it is not found (404)", async () => {
    const ctx = await makeStore("pathid");
    const { call, saleId, disputeId, importId } = await pathRecords(ctx);
    const reads = [
      { what: "flash sale", id: saleId, read: (id: string) => call(getSale, { params: { id } }) },
      { what: "dispute", id: disputeId, read: (id: string) => call(getDispute, { params: { id } }) },
      { what: "import", id: importId, read: (id: string) => call(getImport, { params: { id } }) },
      {
        what: "flash sale",
        id: saleId,
        read: (id: string) => call(postClaim, { params: { id }, body: { customerExternalId: "B1", idempotencyKey: `k-${id}` } }),
      },
    ];
    for (const { what, id, read } of reads) {
      expect((await read(String(id))).status, `${what} ${id}`).toBeLessThan(300);
      for (const spelt of idSpellings(id)) {
        const refused = await read(spelt);
        expect(apiRefusal(refused), `${what} ${JSON.stringify(spelt)}`).toEqual({ status: 404, code: "not_found", paths: [] });
        expect(refused.body.error.message).toBe(`No such ${what} in this store.`);
      }
    }
    // Only the claim with the id as written took a unit.
    expect((await call(getSale, { params: { id: String(saleId) } })).body).toMatchObject({ sold: 1, remaining: 4 });
  });
});
