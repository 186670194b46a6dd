import { describe, expect, it } from "vitest";
import { firstValues } from "./customers";
import { hasNul, nulPaths } from "./nul";

describe("NUL characters", () => {
  it("names the path of every string that holds one, at any depth", () => {
    const body = { orders: [{ externalId: "O-1", customer: { externalId: "C-1", name: "x\u0000y" } }, { externalId: "O\u0000" }], n: 3 };
    expect(nulPaths(body)).toEqual(["orders.0.customer.name", "orders.1.externalId"]);
    expect(nulPaths({ name: "王小明", ok: [true, null, 1] })).toEqual([]);
    expect(hasNul("\u0000")).toBe(true);
    expect(hasNul("0x00")).toBe(false);
  });

  it("leaves a page's search parameter with one out, as if it were not given", () => {
    expect(firstValues({ q: "a\u0000", tier: ["gold", "crown"], customer: "C-1\u0000" })).toEqual({ tier: "gold" });
  });
});
