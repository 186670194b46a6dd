import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { stores } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { makeStore } from "@/tests/factories";
import { inChinese } from "@/tests/in-chinese";
import { storeData } from "@/tests/store-data";
import { updateStoreSettings } from "./commands";
import { storeSettingsOf } from "./queries";

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

describe("store settings saved from a page opened before another save", () => {
  it("refuses the stale form instead of putting back the name and zone another owner changed", async () => {
    const ctx = await makeStore("set-stale");
    // Two owners open the settings page: both forms show the store as created.
    const [first, second] = [await storeSettingsOf(ctx), await storeSettingsOf(ctx)];
    await updateStoreSettings(ctx, { name: "Tea House", currency: "CNY", timezone: "Asia/Shanghai" }, { seen: first.updatedAt });

    const refused = await updateStoreSettings(ctx, { name: "Test set-stale", currency: "CNY", timezone: "Asia/Tokyo" }, { seen: second.updatedAt }).catch(
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ code: "conflict", key: "errors.storeSettingsChangedMeanwhile" });
    expect((refused as AppError).message).toBe("The store's settings were changed meanwhile by another owner; reload the page and make your change again.");
    expect(inChinese((refused as AppError).key!)).toBe("店铺设置刚被其他店主修改过；请刷新页面后重新修改。");
    // Nothing of the stale form is saved: the first owner's name stays, and so does the zone.
    const now = await storeSettingsOf(ctx);
    expect(now).toMatchObject({ name: "Tea House", timezone: "Asia/Shanghai" });

    // Reloaded, the second owner's change goes through on top, and again from the page it leaves.
    await updateStoreSettings(ctx, { name: "Tea House", currency: "CNY", timezone: "Asia/Tokyo" }, { seen: now.updatedAt });
    const after = await storeSettingsOf(ctx);
    expect(after).toMatchObject({ name: "Tea House", timezone: "Asia/Tokyo" });
    await updateStoreSettings(ctx, { name: "Tea House 2", currency: "CNY", timezone: "Asia/Tokyo" }, { seen: after.updatedAt });
    expect((await storeSettingsOf(ctx)).name).toBe("Tea House 2");
    // The page that showed the one before is refused.
    await expect(updateStoreSettings(ctx, { name: "Old", currency: "CNY", timezone: "Asia/Tokyo" }, { seen: after.updatedAt })).rejects.toMatchObject({
      key: "errors.storeSettingsChangedMeanwhile",
    });
  });
});
