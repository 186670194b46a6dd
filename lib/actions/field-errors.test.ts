import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { Translate } from "@/lib/i18n/locales";
import { flashSaleFormSchema } from "@/lib/validation/flash-sales";
import { adjustInput, planInput, pointsRulesInput, redeemInput } from "@/lib/validation/pricing";
import { spreadRepsInput } from "@/lib/validation/reps";
import { scoringRulesFormSchema } from "@/lib/validation/scoring-rules";
import { createStoreSchema, storeSettingsSchema } from "@/lib/validation/stores";
import en from "@/messages/en";
import { inChinese } from "@/tests/in-chinese";
import { fieldErrorInReaderLanguage, refusalOfForm } from "./field-errors";

const inEnglish = createTranslator({ locale: "en", messages: en }) as unknown as Translate;

/** The first issue of `value` against `schema`, as a form shows it in each language. */
function refusal(schema: z.ZodType, value: unknown) {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error("accepted");
  const issue = parsed.error.issues[0]!;
  return { en: fieldErrorInReaderLanguage(issue, inEnglish), zh: fieldErrorInReaderLanguage(issue, inChinese) };
}

describe("a refused form field in the reader's words", () => {
  it("words zod's own checks, never naming a type in English", () => {
    expect(refusal(z.string().trim().min(2), "  ")).toEqual({ en: "Enter at least 2 characters.", zh: "请至少输入 2 个字符。" });
    expect(refusal(z.string().trim().min(1), "")).toEqual({ en: "This is required.", zh: "此项必填。" });
    expect(refusal(z.string().max(500), "x".repeat(501))).toEqual({ en: "Enter at most 500 characters.", zh: "最多输入 500 个字符。" });
    expect(refusal(z.coerce.number().min(0), "-1")).toEqual({ en: "Enter 0 or more.", zh: "请输入不小于 0 的数。" });
    expect(refusal(z.coerce.number().max(1000), "5000")).toEqual({ en: "Enter 1,000 or less.", zh: "请输入不大于 1,000 的数。" });
    expect(refusal(z.coerce.number(), "abc")).toEqual({ en: "Enter a number.", zh: "请输入数字。" });
    expect(refusal(z.coerce.number().int(), "1.5")).toEqual({ en: "Enter a whole number.", zh: "请输入整数。" });
    expect(refusal(z.enum(["a", "b"]), "c")).toEqual({ en: "Choose one of the options.", zh: "请从选项中选择。" });
    expect(refusal(z.email(), "nobody")).toMatchObject({ zh: "请输入邮箱地址，例如 name@example.com。" });
  });

  it("words our own refinements from their catalogue key", () => {
    const form = {
      windowDays: "365", hysteresis: "5", "gates.maxReturnRate": "30",
      "weights.frequency": "25", "weights.monetary": "30", "weights.recency": "10", "weights.interaction": "10",
      "weights.sharing": "10", "weights.returns": "10", "weights.reputation": "5",
      "cutoffs.silver": "70", "cutoffs.gold": "60", "cutoffs.diamond": "75", "cutoffs.crown": "90",
    };
    expect(refusal(scoringRulesFormSchema, form)).toEqual({
      en: "The gold cutoff (60) must be above the silver cutoff (70).",
      zh: "金牌分数线（60）必须高于银牌分数线（70）。",
    });
  });
});

describe("a number field left blank", () => {
  it("is refused as required, not read as 0 (a cleared weight or earn rate was saved as 0)", () => {
    const rules = {
      windowDays: "365", hysteresis: "5", "gates.maxReturnRate": "30",
      "weights.frequency": "25", "weights.monetary": "30", "weights.recency": "10", "weights.interaction": "10",
      "weights.sharing": "10", "weights.returns": "10", "weights.reputation": "5",
      "cutoffs.silver": "40", "cutoffs.gold": "60", "cutoffs.diamond": "75", "cutoffs.crown": "90",
    };
    expect(scoringRulesFormSchema.safeParse(rules).success).toBe(true);
    for (const field of ["weights.frequency", "hysteresis", "windowDays", "gates.maxReturnRate", "cutoffs.gold"]) {
      expect(refusal(scoringRulesFormSchema, { ...rules, [field]: " " }), field).toEqual({ en: "This is required.", zh: "此项必填。" });
    }
    const points = { enabled: "on", earnRate: "1", expiryMonths: "12", redeemRate: "100", ordinary: "1", silver: "1", gold: "1", diamond: "1", crown: "1" };
    expect(pointsRulesInput.safeParse(points).success).toBe(true);
    for (const field of ["earnRate", "expiryMonths", "redeemRate", "gold"]) {
      expect(refusal(pointsRulesInput, { ...points, [field]: "" }), field).toEqual({ en: "This is required.", zh: "此项必填。" });
    }
    // A number that is not one still says so.
    expect(refusal(pointsRulesInput, { ...points, earnRate: "abc" })).toEqual({ en: "Enter a number.", zh: "请输入数字。" });
  });
});

describe("a refused settings, sale, points or care form in the reader's words, never our English", () => {
  const settings = { name: "Shop", currency: "CNY", timezone: "Asia/Shanghai" };

  it("says what is wrong with a currency or a time zone that does not exist", () => {
    expect(refusal(storeSettingsSchema, { ...settings, currency: "rmb" })).toEqual({
      en: "RMB is not a currency code: enter an ISO 4217 code such as CNY or USD.",
      zh: "RMB 不是币种代码，请输入 ISO 4217 代码，例如 CNY 或 USD。",
    });
    expect(refusal(storeSettingsSchema, { ...settings, timezone: "Asia/Shangai" })).toEqual({
      en: "Asia/Shangai is not a time zone: choose one from the list, such as Asia/Shanghai.",
      zh: "Asia/Shangai 不是时区，请从列表中选择，例如 Asia/Shanghai。",
    });
  });

  it("says how to write a sale's price or time, and a store's slug, that do not parse", () => {
    const sale = { price: "19.90", quantity: "5", perCustomerLimit: "1", startsAt: "2030-06-01T10:00", endsAt: "2030-06-01T12:00" };
    expect(refusal(flashSaleFormSchema, { ...sale, price: "19,9元" })).toEqual({
      en: "Enter a price such as 19.90.",
      zh: "请输入价格，例如 19.90。",
    });
    // Thousands separators are the merchant's to type, as in every other amount of the app.
    expect(flashSaleFormSchema.safeParse({ ...sale, price: "1,299.00" }).success).toBe(true);
    expect(refusal(flashSaleFormSchema, { ...sale, startsAt: "明天上午" })).toEqual({
      en: "Enter a date and time such as 2030-06-01 10:00.",
      zh: "请输入日期和时间，例如 2030-06-01 10:00。",
    });
    expect(refusal(createStoreSchema, { slug: "My Shop", name: "Shop" })).toEqual({
      en: "Use 1 to 40 lower-case letters, digits and dashes, not starting or ending with a dash.",
      zh: "店铺标识请使用 1 至 40 个小写字母、数字或短横线，且不能以短横线开头或结尾。",
    });
  });

  it("asks for points other than 0 when adjusting a balance", () => {
    expect(refusal(adjustInput, { customerId: "1", points: "0", reason: "goodwill" })).toEqual({
      en: "Enter a number other than 0.",
      zh: "请输入不为 0 的数。",
    });
  });

  it("asks for a plan's length and points left blank as required, not as a 0 that is too small", () => {
    const required = { en: "This is required.", zh: "此项必填。" };
    expect(refusal(planInput, { name: "金卡", fee: "99", lengthDays: "", tier: "gold" })).toEqual(required);
    expect(refusal(redeemInput, { customerId: "1", points: "" })).toEqual(required);
    expect(refusal(adjustInput, { customerId: "1", points: " ", reason: "goodwill" })).toEqual(required);
  });

  it("asks to tick someone when no staff member is ticked to share customers among", () => {
    expect(refusal(spreadRepsInput, {})).toEqual({ en: "Choose at least one.", zh: "请至少选择 1 项。" });
  });
});

describe("a data-layer refusal that names a field", () => {
  const submitted = new Set(["productId", "ordinary", "silver", "gold", "diamond", "crown"]);

  it("marks the field its detail's path names, or ends in, with the refusal", () => {
    const error = new AppError("price_below_floor", "The price ¥5.00 is below the floor price of ¥8.00.", "pricing.errors.priceBelowFloor", {}, [
      { path: "prices.gold", message: "below the floor price ¥8.00" },
    ]);
    expect(refusalOfForm(error, "金牌会员价：价格 ¥5.00 低于最低价 ¥8.00。", submitted, inChinese)).toEqual({
      message: "金牌会员价：价格 ¥5.00 低于最低价 ¥8.00。",
      fieldErrors: { gold: ["金牌会员价：价格 ¥5.00 低于最低价 ¥8.00。"] },
    });
  });

  it("puts each reason already worded for the reader under its field, and asks to check them", () => {
    const error = new AppError("invalid", "价格必须低于原价。\n与 #3 重叠。", undefined, undefined, [
      { path: "price", message: "价格必须低于原价。" },
      { path: "startsAt", message: "与 #3 重叠。" },
    ]);
    expect(refusalOfForm(error, error.message, new Set(["price", "startsAt", "endsAt"]), inChinese)).toEqual({
      message: "请检查标出的字段。",
      fieldErrors: { price: ["价格必须低于原价。"], startsAt: ["与 #3 重叠。"] },
    });
  });

  it("keeps the whole message when a reason has no field of the form", () => {
    const error = new AppError("invalid", "已结束。", undefined, undefined, [{ path: "form", message: "已结束。" }]);
    expect(refusalOfForm(error, error.message, new Set(["price"]), inChinese)).toEqual({ message: "已结束。" });
  });
});
