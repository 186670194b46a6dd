import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import type { DisputeType } from "@/db/schema/disputes";
import en from "@/messages/en/disputes.json";
import zhCN from "@/messages/zh-CN/disputes.json";
import { computeRouting, DEFAULT_LEGAL_THRESHOLD, responseDeadline, type Routing } from "./routing";
import { routingReasonText, type DisputesTranslator } from "./routing-words";

const T = DEFAULT_LEGAL_THRESHOLD; // ¥50,000 in fen
const tEn = createTranslator({ locale: "en", messages: { disputes: en }, namespace: "disputes" }) as unknown as DisputesTranslator;
const tZh = createTranslator({ locale: "zh-CN", messages: { disputes: zhCN }, namespace: "disputes" }) as unknown as DisputesTranslator;
const words = (routing: Routing, t = tEn, locale = "en") => routing.reasons.map((r) => routingReasonText(r, t, locale, "CNY"));

// PRODUCT.md §6, row by row.
const table: [DisputeType, string, string[]][] = [
  ["ip_infringement", "ip_protection_agency", ["platform", "lawyer"]],
  ["counterfeit_accusation", "platform", ["brand_owner", "lawyer"]],
  ["malicious_complaint", "platform", ["consumer_protection_agency", "lawyer"]],
  ["fake_return", "platform", ["consumer_protection_agency", "lawyer"]],
  ["unfair_platform_treatment", "platform", ["ecommerce_association", "lawyer"]],
  ["malicious_competition", "platform", ["industry_association", "lawyer"]],
  ["supplier_quality", "supplier", ["lawyer"]],
  ["brand_authorization", "brand_owner", ["platform", "lawyer"]],
];

describe("routing by the table", () => {
  it.each(table)("%s goes to %s, then %j", (type, primary, chain) => {
    const routing = computeRouting({ type, amountAtStake: 100_00, legalThreshold: T, earlierComplaints: null });
    expect(routing).toMatchObject({ primary, chain, repeatComplainant: false });
    expect(routing.reasons.map((r) => r.code)).toEqual(["table", "belowThreshold"]);
  });

  it("says why in words, in both languages", () => {
    const routing = computeRouting({ type: "ip_infringement", amountAtStake: 100_00, legalThreshold: T, earlierComplaints: null });
    expect(words(routing)).toEqual([
      "IP infringement goes first to the IP protection agency, then the platform, then a lawyer, by the routing table; the rules below may move a party forward.",
      "Amount at stake ¥100.00 is below the legal threshold of ¥50,000.00: no lawyer is brought forward.",
    ]);
    expect(words(routing, tZh, "zh-CN")).toEqual([
      "路由表规定：知识产权侵权类维权案件首先交给知识产权保护机构，然后依次是平台，再到律师；以下规则可能将某一方提前。",
      "争议金额 ¥100.00 低于法律门槛 ¥50,000.00：律师不提前介入。",
    ]);
  });
});

describe("the legal-threshold rule", () => {
  it("brings the lawyer right after the primary party at the threshold exactly", () => {
    const routing = computeRouting({ type: "malicious_complaint", amountAtStake: T, legalThreshold: T, earlierComplaints: null });
    expect(routing.primary).toBe("platform");
    expect(routing.chain).toEqual(["lawyer", "consumer_protection_agency"]);
    expect(words(routing)[1]).toBe("Amount at stake ¥50,000.00 ≥ ¥50,000.00 (the store's legal threshold): it goes to the platform, then to a lawyer.");
    expect(words(routing, tZh, "zh-CN")[1]).toBe("争议金额 ¥50,000.00 ≥ ¥50,000.00（本店法律门槛）：先交平台，再交律师。");
  });

  it("leaves the table's order one fen below the threshold", () => {
    const routing = computeRouting({ type: "malicious_complaint", amountAtStake: T - 1, legalThreshold: T, earlierComplaints: null });
    expect(routing.chain).toEqual(["consumer_protection_agency", "lawyer"]);
    expect(routing.reasons[1]).toEqual({ code: "belowThreshold", values: { amount: T - 1, threshold: T, after: "" } });
  });

  it("applies to every type, and keeps a lawyer already next where it is", () => {
    for (const [type, primary, chain] of table) {
      const routing = computeRouting({ type, amountAtStake: 8_000_000, legalThreshold: T, earlierComplaints: null });
      expect(routing.primary).toBe(primary);
      expect(routing.chain).toEqual(["lawyer", ...chain.filter((p) => p !== "lawyer")]);
      expect(routing.reasons[1]).toMatchObject({ code: "threshold", values: { after: primary } });
    }
    expect(words(computeRouting({ type: "supplier_quality", amountAtStake: 8_000_000, legalThreshold: T, earlierComplaints: null }))[1]).toBe(
      "Amount at stake ¥80,000.00 ≥ ¥50,000.00 (the store's legal threshold): it goes to the supplier, then to a lawyer.",
    );
  });

  it("follows the store's own threshold", () => {
    const low = computeRouting({ type: "fake_return", amountAtStake: 1_000_00, legalThreshold: 1_000_00, earlierComplaints: null });
    expect(low.chain).toEqual(["lawyer", "consumer_protection_agency"]);
    const high = computeRouting({ type: "fake_return", amountAtStake: 8_000_000, legalThreshold: 10_000_000, earlierComplaints: null });
    expect(high.chain).toEqual(["consumer_protection_agency", "lawyer"]);
  });
});

describe("the repeat-complainant rule", () => {
  it("does nothing at 2 earlier disputes, and says so", () => {
    const routing = computeRouting({ type: "ip_infringement", amountAtStake: 0, legalThreshold: T, earlierComplaints: 2 });
    expect(routing).toMatchObject({ primary: "ip_protection_agency", chain: ["platform", "lawyer"], repeatComplainant: false });
    expect(words(routing)[2]).toBe(
      "The complainant has 2 earlier malicious-complaint or fake-return disputes (fewer than 3): not a repeat complainant.",
    );
  });

  it("at 3 earlier disputes flags the complainant and moves the consumer protection agency right after the primary party", () => {
    const routing = computeRouting({ type: "ip_infringement", amountAtStake: 0, legalThreshold: T, earlierComplaints: 3 });
    expect(routing).toMatchObject({
      primary: "ip_protection_agency",
      chain: ["consumer_protection_agency", "platform", "lawyer"],
      repeatComplainant: true,
    });
    expect(words(routing)[2]).toBe(
      "The complainant has 3 earlier malicious-complaint or fake-return disputes (≥ 3) and is flagged as a repeat complainant: it goes to the IP protection agency, then to the consumer protection agency.",
    );
    expect(words(routing, tZh, "zh-CN")[2]).toBe(
      "投诉人此前已有 3 起恶意投诉或虚假退货类维权案件（≥ 3），标记为重复投诉人：先交知识产权保护机构，再交消费者权益保护机构。",
    );
  });

  it("moves the agency up from later in the chain, and keeps it where it already is next", () => {
    expect(computeRouting({ type: "unfair_platform_treatment", amountAtStake: 0, legalThreshold: T, earlierComplaints: 5 }).chain).toEqual([
      "consumer_protection_agency",
      "ecommerce_association",
      "lawyer",
    ]);
    expect(computeRouting({ type: "fake_return", amountAtStake: 0, legalThreshold: T, earlierComplaints: 3 }).chain).toEqual([
      "consumer_protection_agency",
      "lawyer",
    ]);
  });

  it("has no say without a complainant", () => {
    const routing = computeRouting({ type: "fake_return", amountAtStake: 0, legalThreshold: T, earlierComplaints: null });
    expect(routing.reasons.map((r) => r.code)).toEqual(["table", "belowThreshold"]);
  });
});

describe("both rules together", () => {
  it("puts the agency right after the primary party, then the lawyer, then the rest — with reasons that name them", () => {
    const routing = computeRouting({ type: "malicious_competition", amountAtStake: 8_000_000, legalThreshold: T, earlierComplaints: 3 });
    expect(routing).toMatchObject({
      primary: "platform",
      chain: ["consumer_protection_agency", "lawyer", "industry_association"],
      repeatComplainant: true,
    });
    expect(words(routing)).toEqual([
      "Malicious competition goes first to the platform, then the industry association, then a lawyer, by the routing table; the rules below may move a party forward.",
      "Amount at stake ¥80,000.00 ≥ ¥50,000.00 (the store's legal threshold): it goes to the platform, then the consumer protection agency, then to a lawyer.",
      "The complainant has 3 earlier malicious-complaint or fake-return disputes (≥ 3) and is flagged as a repeat complainant: it goes to the platform, then to the consumer protection agency.",
    ]);
  });

  it("at 2 earlier disputes only the threshold applies", () => {
    const routing = computeRouting({ type: "fake_return", amountAtStake: T, legalThreshold: T, earlierComplaints: 2 });
    expect(routing.chain).toEqual(["lawyer", "consumer_protection_agency"]);
    expect(routing.reasons.map((r) => r.code)).toEqual(["table", "threshold", "notRepeatComplainant"]);
  });

  it("gives every type a chain with each party once and the primary never repeated", () => {
    for (const [type] of table) {
      for (const amount of [0, T]) {
        for (const earlier of [null, 2, 3]) {
          const r = computeRouting({ type, amountAtStake: amount, legalThreshold: T, earlierComplaints: earlier });
          const all = [r.primary, ...r.chain];
          expect(new Set(all).size).toBe(all.length);
          expect(r.chain).toContain("lawyer");
        }
      }
    }
  });
});

describe("response deadlines", () => {
  const from = new Date("2026-03-01T08:00:00Z");
  it("gives a counterfeit accusation at the platform the 15-day counter-notice clock", () => {
    expect(responseDeadline("counterfeit_accusation", "platform", from, "Asia/Shanghai")).toEqual({
      at: new Date("2026-03-16T08:00:00Z"),
      days: 15,
      rule: "counterNotice",
    });
  });
  it("gives every other step 7 days", () => {
    expect(responseDeadline("counterfeit_accusation", "brand_owner", from, "Asia/Shanghai").at).toEqual(new Date("2026-03-08T08:00:00Z"));
    for (const [type, primary] of table.filter(([t]) => t !== "counterfeit_accusation")) {
      expect(responseDeadline(type, primary as never, from, "Asia/Shanghai")).toMatchObject({ days: 7, rule: "standard" });
    }
  });
  it("counts days on the store's calendar: across a change of the clocks the deadline keeps the hour it was set at", () => {
    // Routed at 10:00 in London on 25 March 2026; the clocks go forward on the 29th.
    const london = responseDeadline("fake_return", "platform", new Date("2026-03-25T10:00:00Z"), "Europe/London");
    expect(london.at).toEqual(new Date("2026-04-01T09:00:00Z")); // 10:00 BST, not 11:00
    // New York goes back an hour on 1 November 2026: 09:30 EDT is due 09:30 EST.
    const newYork = responseDeadline("counterfeit_accusation", "platform", new Date("2026-10-25T13:30:00Z"), "America/New_York");
    expect(newYork.at).toEqual(new Date("2026-11-09T14:30:00Z"));
  });
});
