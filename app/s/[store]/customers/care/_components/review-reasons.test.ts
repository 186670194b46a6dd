import { createFormatter, createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/messages/en";
import zhCN from "@/messages/zh-CN";
import { reviewReasons } from "./review-reasons";

function reasonsIn(locale: "en" | "zh-CN", gates: string[]) {
  const t = createTranslator({ locale, messages: locale === "en" ? en : zhCN });
  const format = createFormatter({ locale });
  return reviewReasons(gates, (gate) => t(`care.reviewReasons.${gate}` as "care.reviewReasons.return_rate", { max: "30%" }), format, t("care.notHighValueReason"));
}

describe("the care page's reasons column", () => {
  it("lists two reasons as the reader's language does, not with a \" · \"", () => {
    expect(reasonsIn("zh-CN", ["return_rate", "compliance_flag"])).toBe("退换货率超过 30%和有合规标记");
    expect(reasonsIn("en", ["return_rate", "compliance_flag"])).toBe("Return rate above 30% and has a compliance flag");
    expect(reasonsIn("en", ["compliance_flag", "return_rate"])).toBe("Has a compliance flag and return rate above 30%");
  });

  it("gives one reason alone, and says why when no gate is failed", () => {
    expect(reasonsIn("zh-CN", ["compliance_flag"])).toBe("有合规标记");
    expect(reasonsIn("en", ["compliance_flag"])).toBe("Has a compliance flag");
    expect(reasonsIn("zh-CN", [])).toBe("等级或订单数低于优质客户标准");
  });
});
