import { describe, expect, it } from "vitest";
import { createStoreSchema } from "./stores";

describe("store validation", () => {
  it("defaults to CNY and Asia/Shanghai and normalises the currency", () => {
    expect(createStoreSchema.parse({ slug: "shop-1", name: "Shop" })).toMatchObject({ currency: "CNY", timezone: "Asia/Shanghai" });
    expect(createStoreSchema.parse({ slug: "uk", name: "UK", currency: "gbp", timezone: "Europe/London" }).currency).toBe("GBP");
  });

  it.each([
    ["slug with capitals", { slug: "Shop", name: "x" }, "slug"],
    ["slug with a trailing dash", { slug: "shop-", name: "x" }, "slug"],
    ["unknown currency", { slug: "s", name: "x", currency: "XYZ1" }, "currency"],
    ["unknown time zone", { slug: "s", name: "x", timezone: "Mars/Olympus" }, "timezone"],
    ["empty name", { slug: "s", name: " " }, "name"],
  ])("refuses a %s", (_label, input, field) => {
    const result = createStoreSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
});
