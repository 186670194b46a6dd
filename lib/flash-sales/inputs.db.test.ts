import { describe, expect, it } from "vitest";
import { updateStoreSettings } from "@/lib/stores/commands";
import { makeStore } from "@/tests/factories";
import { createFlashSale, updateFlashSale } from "./commands";
import { checkNewSaleForm, checkSaleEditForm, draftFromApi, draftFromForm } from "./inputs";
import { FlashSaleRulesError } from "./rules";
import { getFlashSale } from "./queries";
import { draft, makeProduct } from "./test-helpers";
import { toStoreInputValue } from "./times";

async function londonStore() {
  const ctx = await makeStore("fs-edit");
  await updateStoreSettings(ctx, { name: "UK gifts", currency: "GBP", timezone: "Europe/London" });
  return { ...ctx, store: { ...ctx.store, currency: "GBP", timezone: "Europe/London" } };
}

describe("editing a sale from the form", () => {
  // London's clocks go back at 02:00 BST on 27 October 2030: 01:00–02:00 comes twice.
  const secondHalfPast1 = new Date("2030-10-27T01:30:00Z"); // 01:30 GMT, the second 01:30
  const endWithSeconds = new Date("2030-10-27T05:00:30Z");

  it("keeps the sale's own start and end when the form sends them back as it showed them", async () => {
    const ctx = await londonStore();
    const product = await makeProduct(ctx, { stock: 20 });
    const { id } = await createFlashSale(ctx, product.id, draft(secondHalfPast1, { endsAt: endWithSeconds }));
    const form = {
      price: "70.00",
      quantity: 5,
      perCustomerLimit: 1,
      startsAt: toStoreInputValue(secondHalfPast1, "Europe/London"),
      endsAt: toStoreInputValue(endWithSeconds, "Europe/London"),
      earlyAccessTier: "" as const,
      earlyAccessMinutes: "" as const,
    };
    expect(form.startsAt).toBe("2030-10-27T01:30");
    await checkSaleEditForm(ctx, id, form, "en");
    await updateFlashSale(ctx, id, (existing) => draftFromForm(ctx, form, existing));
    const saved = await getFlashSale(ctx, id);
    expect(saved).toMatchObject({ price: 7_000, quantity: 5 });
    expect(saved!.startsAt.toISOString()).toBe(secondHalfPast1.toISOString());
    expect(saved!.endsAt.toISOString()).toBe(endWithSeconds.toISOString());
  });

  it("reads a time the owner changed in the store's zone, the first of a repeated hour", async () => {
    const ctx = await londonStore();
    const product = await makeProduct(ctx, { stock: 20 });
    const { id } = await createFlashSale(ctx, product.id, draft(secondHalfPast1, { endsAt: endWithSeconds }));
    const form = {
      price: "79.00",
      quantity: 10,
      perCustomerLimit: 1,
      startsAt: "2030-10-27T01:45",
      endsAt: "2030-10-27T06:00",
      earlyAccessTier: "" as const,
      earlyAccessMinutes: "" as const,
    };
    await updateFlashSale(ctx, id, (existing) => draftFromForm(ctx, form, existing));
    const saved = await getFlashSale(ctx, id);
    expect(saved!.startsAt.toISOString()).toBe("2030-10-27T00:45:00.000Z");
    expect(saved!.endsAt.toISOString()).toBe("2030-10-27T06:00:00.000Z");
  });
});

describe("a time the store's clock skips, typed into the form", () => {
  // London's clocks go forward at 01:00 GMT on 28 March 2027: 01:00–02:00 never comes.
  const form = {
    productExternalId: "",
    price: "70.00",
    quantity: 5,
    perCustomerLimit: 1,
    startsAt: "2027-03-28T01:30",
    endsAt: "2027-03-28T05:00",
    earlyAccessTier: "" as const,
    earlyAccessMinutes: "" as const,
  };
  const skipped = {
    rule: "unreadable",
    path: "startsAt",
    key: "flashSales.errors.skippedTime",
    values: { time: "01:30", day: "2027-03-28", zone: "Europe/London", from: "01:00", to: "02:00" },
  };

  it("is refused at its field, naming the time and the day, whether the sale is new or edited, and the API's is too", async () => {
    const ctx = await londonStore();
    const product = await makeProduct(ctx, { stock: 20 });
    const create = { ...form, productExternalId: product.externalId };
    await expect(checkNewSaleForm(ctx, create, "en")).rejects.toMatchObject({ reasons: [skipped] });
    expect(() => draftFromForm(ctx, create)).toThrow(FlashSaleRulesError);

    const { id } = await createFlashSale(ctx, product.id, draft(new Date("2027-03-28T03:00:00Z")));
    await expect(checkSaleEditForm(ctx, id, { ...form, startsAt: "2027-03-28T04:00", endsAt: "2027-03-28T01:59" }, "en")).rejects.toMatchObject({
      reasons: [{ ...skipped, path: "endsAt", values: { ...skipped.values, time: "01:59" } }],
    });
    expect((await getFlashSale(ctx, id)).startsAt.toISOString()).toBe("2027-03-28T03:00:00.000Z");

    // The API reads its times with the same function: a local time in the gap is refused, one with an offset taken.
    const body = { productExternalId: product.externalId, price: 7_000, quantity: 2, perCustomerLimit: 1, startsAt: "2027-03-28 01:30", endsAt: "2027-03-28T05:00" };
    await expect(draftFromApi(ctx, body)).rejects.toMatchObject({ code: "invalid", key: "flashSales.errors.skippedTime", details: [{ path: "startsAt" }] });
    expect((await draftFromApi(ctx, { ...body, startsAt: "2027-03-28T01:30:00Z" })).draft.startsAt.toISOString()).toBe("2027-03-28T01:30:00.000Z");
  });
});
