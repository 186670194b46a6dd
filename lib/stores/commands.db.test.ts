import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { stores } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { makeStore } from "@/tests/factories";
import { storeData } from "@/tests/store-data";
import { updateStoreSettings } from "./commands";

const currencyOf = async (storeId: number) => (await getDb().select({ c: stores.currency }).from(stores).where(eq(stores.id, storeId)))[0]!.c;

describe("a store's currency", () => {
  it("can be anything until the store keeps an amount", async () => {
    const ctx = await makeStore("cur");
    await updateStoreSettings(ctx, { name: "Shop", currency: "JPY", timezone: "Asia/Tokyo" });
    expect(await currencyOf(ctx.store.id)).toBe("JPY");
  });

  it("keeps its decimal places once the store keeps amounts: CNY to GBP, not to JPY", async () => {
    const ctx = await makeStore("cur");
    await storeData(ctx).order("C1", "2026-11-01T10:00:00Z", 1250);
    await updateStoreSettings(ctx, { name: "Shop", currency: "GBP", timezone: "Europe/London" });
    expect(await currencyOf(ctx.store.id)).toBe("GBP");

    const gbp = { ...ctx, store: { ...ctx.store, currency: "GBP" } };
    const refused = await updateStoreSettings(gbp, { name: "Shop", currency: "JPY", timezone: "Asia/Tokyo" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).message).toMatch(/GBP, with 2 decimal places; JPY has 0/);
    expect((refused as AppError).details[0]?.path).toBe("currency");
    // Nothing of the refused change stays: the 12.50 still reads as pounds and pence.
    expect(await currencyOf(ctx.store.id)).toBe("GBP");
  });
});
