import { POST as postDispute } from "@/app/api/v1/disputes/route";
import { POST as postSale } from "@/app/api/v1/flash-sales/route";
import { makeProduct } from "@/lib/flash-sales/test-helpers";
import { createImport } from "@/lib/imports/run-import";
import type { StoreContext } from "@/lib/stores/context";
import { apiClient } from "@/tests/api";

// Read with Number(), "0x1f", "1e3", " 7" and "7.0" were ids too, and answered (or claimed from)
// the record they happened to make: every other spelling of an id in a path is not found.
export const idSpellings = (id: number) => [`0${id}`, `+${id}`, ` ${id}`, `${id}.0`, `${id}e0`, `0x${id.toString(16)}`, `${id}abc`, "0", "-1", "9".repeat(17)];

/** An open flash sale, a draft dispute and an import of the store, made through the API. */
export async function pathRecords(ctx: StoreContext) {
  const call = await apiClient(ctx);
  const product = await makeProduct(ctx, { price: 10_000, floorPrice: 6_000, stock: 10 });
  const now = Date.now();
  const sale = await call(postSale, {
    body: { productExternalId: product.externalId, price: 8_000, quantity: 5, perCustomerLimit: 5, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString() },
  });
  const dispute = await call(postDispute, { body: { type: "fake_return", title: "Swapped item", draft: true } });
  const job = await createImport(ctx, { kind: "orders", format: "canonical", fileName: "orders.csv", skipInvalid: false });
  return { call, saleId: sale.body.id as number, disputeId: dispute.body.id as number, importId: job.id };
}
