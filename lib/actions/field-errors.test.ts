import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Translate } from "@/lib/i18n/locales";
import { scoringRulesFormSchema } from "@/lib/validation/scoring-rules";
import en from "@/messages/en";
import { inChinese } from "@/tests/in-chinese";
import { fieldErrorInReaderLanguage } from "./field-errors";

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
    expect(refusal(z.email(), "nobody")).toMatchObject({ zh: "请输入邮箱地址,例如 name@example.com。" });
  });

  it("words our own refinements from their catalogue key", () => {
    const form = {
      windowDays: "365", hysteresis: "5", "gates.maxReturnRate": "0.3",
      "weights.frequency": "25", "weights.monetary": "30", "weights.recency": "10", "weights.interaction": "10",
      "weights.sharing": "10", "weights.returns": "10", "weights.reputation": "5",
      "cutoffs.silver": "70", "cutoffs.gold": "60", "cutoffs.diamond": "75", "cutoffs.crown": "90",
    };
    expect(refusal(scoringRulesFormSchema, form)).toEqual({
      en: "The gold cutoff (60) must be above the silver cutoff (70).",
      zh: "金牌分数线(60)必须高于银牌分数线(70)。",
    });
  });
});
