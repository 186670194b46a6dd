import { describe, expect, it } from "vitest";
import { updateStoreSettings } from "@/lib/stores/commands";
import { makeNewYorkStore, makeStore } from "@/tests/factories";
import { createFlashSale, updateFlashSale } from "./commands";
import { checkNewSaleForm, checkSaleEditForm, draftFromApi, draftFromForm } from "./inputs";
import { FlashSaleRulesError } from "./rules";
import { getFlashSale } from "./queries";
import { draft, makeProduct } from "./test-helpers";
import { repeatedOccurrence } from "@/lib/store-time";
import { toStoreInputValue } from "@/lib/store-time";
import { flashSaleCreateFormSchema } from "@/lib/validation/flash-sales";

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

  it("keeps them as the edit page shows them, with its choice of the two", async () => {
    const ctx = await londonStore();
    const product = await makeProduct(ctx, { stock: 20 });
    const { id } = await createFlashSale(ctx, product.id, draft(secondHalfPast1, { endsAt: endWithSeconds }));
    const sale = await getFlashSale(ctx, id);
    // As the sale's page fills its edit form.
    const form = {
      price: "70.00",
      quantity: 5,
      perCustomerLimit: 1,
      startsAt: toStoreInputValue(sale.startsAt, "Europe/London"),
      endsAt: toStoreInputValue(sale.endsAt, "Europe/London"),
      startsAtOccurrence: repeatedOccurrence(sale.startsAt, "Europe/London")?.occurrence,
      endsAtOccurrence: repeatedOccurrence(sale.endsAt, "Europe/London")?.occurrence,
      earlyAccessTier: "" as const,
      earlyAccessMinutes: "" as const,
    };
    expect(form).toMatchObject({ startsAt: "2030-10-27T01:30", startsAtOccurrence: "second", endsAtOccurrence: undefined });
    await checkSaleEditForm(ctx, id, form, "en");
    await updateFlashSale(ctx, id, (existing) => draftFromForm(ctx, form, existing));
    const saved = await getFlashSale(ctx, id);
    expect(saved!.startsAt.toISOString()).toBe(secondHalfPast1.toISOString());
    expect(saved!.endsAt.toISOString()).toBe(endWithSeconds.toISOString());

    // The owner picks the other 01:30, the time unchanged: the first it is, an hour earlier.
    const first = { ...form, startsAtOccurrence: "first" as const };
    await checkSaleEditForm(ctx, id, first, "en");
    await updateFlashSale(ctx, id, (existing) => draftFromForm(ctx, first, existing));
    expect((await getFlashSale(ctx, id)).startsAt.toISOString()).toBe("2030-10-27T00:30:00.000Z");
  });

  it("asks which one a time the owner changed into the repeated hour is, and reads the one chosen", async () => {
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
    const asked = {
      rule: "unreadable",
      path: "startsAtOccurrence",
      key: "errors.repeatedTime",
      message: "startsAt: 01:45 on 2030-10-27 happens twice in Europe/London: first at UTC+01:00, then at UTC+00:00, after the clocks go back. Choose which one.",
      values: { time: "01:45", zone: "Europe/London", first: "UTC+01:00", second: "UTC+00:00" },
      times: { day: { at: new Date("2030-10-27T00:45:00Z"), day: true } },
    };
    await expect(checkSaleEditForm(ctx, id, form, "en")).rejects.toMatchObject({ reasons: [asked] });
    await expect(updateFlashSale(ctx, id, (existing) => draftFromForm(ctx, form, existing))).rejects.toMatchObject({ reasons: [asked] });
    expect((await getFlashSale(ctx, id)).startsAt.toISOString()).toBe(secondHalfPast1.toISOString());

    for (const [occurrence, instant] of [
      ["second", "2030-10-27T01:45:00.000Z"],
      ["first", "2030-10-27T00:45:00.000Z"],
    ] as const) {
      const chosen = { ...form, startsAtOccurrence: occurrence };
      await checkSaleEditForm(ctx, id, chosen, "en");
      await updateFlashSale(ctx, id, (existing) => draftFromForm(ctx, chosen, existing));
      const saved = await getFlashSale(ctx, id);
      expect(saved!.startsAt.toISOString()).toBe(instant);
      expect(saved!.endsAt.toISOString()).toBe("2030-10-27T06:00:00.000Z");
    }
  });
});

describe("a time the store's clock shows twice, typed into the new sale form", () => {
  // New York's clocks go back from 02:00 EDT to 01:00 EST on 3 November 2030.
  const newYorkStore = () => makeNewYorkStore("fs-ny");
  const form = {
    price: "70.00",
    quantity: 5,
    perCustomerLimit: 1,
    startsAt: "2030-11-03T01:30",
    endsAt: "2030-11-03T01:50",
    earlyAccessTier: "" as const,
    earlyAccessMinutes: "" as const,
  };

  it("is refused until the owner says which, both named by their offsets, then saved as the one chosen", async () => {
    const ctx = await newYorkStore();
    const product = await makeProduct(ctx, { stock: 20 });
    const create = { ...form, productExternalId: product.externalId };
    const values = { zone: "America/New_York", first: "UTC−04:00", second: "UTC−05:00" };
    await expect(checkNewSaleForm(ctx, create, "en")).rejects.toMatchObject({
      reasons: [
        { path: "startsAtOccurrence", key: "errors.repeatedTime", values: { ...values, time: "01:30" } },
        { path: "endsAtOccurrence", key: "errors.repeatedTime", values: { ...values, time: "01:50" } },
      ],
    });
    expect(() => draftFromForm(ctx, create)).toThrow(FlashSaleRulesError);
    // As the form sends its question unanswered: blank.
    await expect(checkNewSaleForm(ctx, { ...create, startsAtOccurrence: "", endsAtOccurrence: "second" }, "en")).rejects.toMatchObject({
      reasons: [{ path: "startsAtOccurrence", key: "errors.repeatedTime" }],
    });

    // The second 01:30 to the second 01:50: twenty minutes, an hour after the first ones.
    const chosen = { ...create, startsAtOccurrence: "second" as const, endsAtOccurrence: "second" as const };
    await checkNewSaleForm(ctx, chosen, "en");
    const { id } = await createFlashSale(ctx, product.id, draftFromForm(ctx, chosen));
    const saved = await getFlashSale(ctx, id);
    expect(saved.startsAt.toISOString()).toBe("2030-11-03T06:30:00.000Z");
    expect(saved.endsAt.toISOString()).toBe("2030-11-03T06:50:00.000Z");

    // The API, given no offset, takes the first of the two, as it always has (and files do).
    const body = { productExternalId: product.externalId, price: 7_000, quantity: 2, perCustomerLimit: 1, startsAt: form.startsAt, endsAt: form.endsAt };
    const api = (await draftFromApi(ctx, body)).draft;
    expect([api.startsAt.toISOString(), api.endsAt.toISOString()]).toEqual(["2030-11-03T05:30:00.000Z", "2030-11-03T05:50:00.000Z"]);
  });

  it("asks nothing of a store whose clock never goes back", async () => {
    const ctx = await makeStore("fs-sh");
    const product = await makeProduct(ctx, { stock: 20 });
    expect(ctx.store.timezone).toBe("Asia/Shanghai");
    const create = { ...form, productExternalId: product.externalId };
    await checkNewSaleForm(ctx, create, "en");
    expect(draftFromForm(ctx, create).startsAt.toISOString()).toBe("2030-11-02T17:30:00.000Z");
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
    values: { time: "01:30", zone: "Europe/London", from: "01:00", to: "02:00" },
    times: { day: { at: new Date("2027-03-28T11:00:00Z"), day: true } },
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

describe("a sale's price as a merchant types it", () => {
  const form = {
    quantity: 5,
    perCustomerLimit: 1,
    startsAt: "2030-06-01T10:00",
    endsAt: "2030-06-01T12:00",
    earlyAccessTier: "" as const,
    earlyAccessMinutes: "" as const,
  };

  it("is read in full-width digits (a Chinese input method's) and after the store's currency sign, as every money field reads it", async () => {
    const ctx = await makeStore("fs-price-typed");
    const product = await makeProduct(ctx, { stock: 20 });
    for (const price of ["７９．９０", "¥79.90", "￥７９.９", "CN¥ 79.90"]) {
      const create = flashSaleCreateFormSchema.parse({ ...form, price, productExternalId: product.externalId });
      await checkNewSaleForm(ctx, create, "en");
      expect(draftFromForm(ctx, create).price).toBe(7_990);
    }
  });

  it("is refused as no price when it is another currency's, not as a decimal too many", async () => {
    const ctx = await makeStore("fs-price-foreign");
    const product = await makeProduct(ctx, { stock: 20 });
    const create = flashSaleCreateFormSchema.parse({ ...form, price: "$79.90", productExternalId: product.externalId });
    await expect(checkNewSaleForm(ctx, create, "en")).rejects.toMatchObject({ reasons: [{ path: "price", key: "errors.field.notPrice" }] });
    expect(flashSaleCreateFormSchema.safeParse({ ...form, price: "79,9x", productExternalId: product.externalId }).success).toBe(false);
  });
});
