import { describe, expect, it } from "vitest";
import { missingFacts, type ResolvedFacts } from "./facts";

const blank: ResolvedFacts = {
  title: "t",
  description: "What happened, in more than ten characters.",
  orderId: null,
  customerId: null,
  productId: null,
  returnId: null,
  counterpartyName: null,
  infringedRight: null,
  infringingListing: null,
};

describe("facts a submission needs", () => {
  it("an IP case names the right infringed and the infringing listing or party", () => {
    expect(missingFacts("ip_infringement", blank)).toEqual(["infringedRight", "infringingListing|counterparty"]);
    expect(missingFacts("ip_infringement", { ...blank, infringedRight: "TM 123", infringingListing: "https://x/1" })).toEqual([]);
    expect(missingFacts("ip_infringement", { ...blank, infringedRight: "TM 123", counterpartyName: "Copycat shop" })).toEqual([]);
  });

  it("a fake return names the return or the order; a malicious complaint the customer or order", () => {
    expect(missingFacts("fake_return", blank)).toEqual(["return|order"]);
    expect(missingFacts("fake_return", { ...blank, orderId: 1 })).toEqual([]);
    expect(missingFacts("fake_return", { ...blank, returnId: 1 })).toEqual([]);
    expect(missingFacts("malicious_complaint", blank)).toEqual(["customer|order"]);
    expect(missingFacts("malicious_complaint", { ...blank, customerId: 4 })).toEqual([]);
  });

  it("the other types", () => {
    expect(missingFacts("counterfeit_accusation", blank)).toEqual(["product"]);
    expect(missingFacts("malicious_competition", blank)).toEqual(["counterparty"]);
    expect(missingFacts("supplier_quality", blank)).toEqual(["counterparty", "product"]);
    expect(missingFacts("brand_authorization", blank)).toEqual(["counterparty"]);
    expect(missingFacts("unfair_platform_treatment", blank)).toEqual([]);
  });

  it("every type needs a description", () => {
    expect(missingFacts("unfair_platform_treatment", { ...blank, description: "too short" })).toEqual(["description"]);
  });
});
