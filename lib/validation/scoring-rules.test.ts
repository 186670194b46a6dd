import { describe, expect, it } from "vitest";
import { asPercent, scoringRulesFormSchema } from "./scoring-rules";

const form = {
  windowDays: "365", hysteresis: "5", "gates.maxReturnRate": "30",
  "weights.frequency": "25", "weights.monetary": "30", "weights.recency": "10", "weights.interaction": "10",
  "weights.sharing": "10", "weights.returns": "10", "weights.reputation": "5",
  "cutoffs.silver": "40", "cutoffs.gold": "60", "cutoffs.diamond": "75", "cutoffs.crown": "90",
};

describe("the return-rate gate on the settings form", () => {
  it("is a percentage, as every return rate on the pages is, kept as the share the rules (and the API) hold", () => {
    expect(scoringRulesFormSchema.parse(form).gates.maxReturnRate).toBe(0.3);
    expect(scoringRulesFormSchema.parse({ ...form, "gates.maxReturnRate": "33.3" }).gates.maxReturnRate).toBe(0.333);
    expect(asPercent(0.3)).toBe(30);
    expect(asPercent(0.333)).toBe(33.3);
  });

  it("refuses more than 100 at the field, in percent", () => {
    const parsed = scoringRulesFormSchema.safeParse({ ...form, "gates.maxReturnRate": "150" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]).toMatchObject({ path: ["gates.maxReturnRate"], code: "too_big", maximum: 100 });
  });
});
