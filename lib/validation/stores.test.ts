import { describe, expect, it } from "vitest";
import { createStoreSchema, storeSettingsSchema } from "./stores";

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

describe("the store settings form's currency and time zone", () => {
  const settings = (values: Record<string, string>) => storeSettingsSchema.safeParse({ name: "Shop", currency: "CNY", timezone: "Asia/Shanghai", ...values });

  it("refuses a blank currency or time zone as required, not as an unknown code named by nothing", () => {
    for (const field of ["currency", "timezone"]) {
      const issues = settings({ [field]: "  " }).error?.issues ?? [];
      expect(issues, field).toHaveLength(1);
      expect(issues[0], field).toMatchObject({ path: [field], code: "too_small", minimum: 1 });
    }
  });

  it("reads a full-width currency code and a time zone typed in the wrong case", () => {
    expect(settings({ currency: "ｃｎｙ", timezone: "asia/shanghai" }).data).toMatchObject({ currency: "CNY", timezone: "Asia/Shanghai" });
    expect(settings({ timezone: " utc " }).data?.timezone).toBe("UTC");
    expect(settings({ timezone: "Asia/Shang" }).success).toBe(false);
  });
});
