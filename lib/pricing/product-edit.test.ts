import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { readProductPricesForm } from "./product-edit";
import { productPricesShown } from "./prices-shown";

const refusals = (form: { price: string; floorPrice: string; stock: string }, currency = "CNY") => {
  try {
    readProductPricesForm(form, currency);
  } catch (error) {
    const all = error instanceof AggregateError ? (error.errors as AppError[]) : [error as AppError];
    return all.map((e) => [e.details[0]?.path, e.key]);
  }
  throw new Error("taken");
};

describe("the products page's price and stock fields", () => {
  it("read amounts in major units, a blank floor as none, and a stock as typed with its separators", () => {
    expect(readProductPricesForm({ price: "45.9", floorPrice: "", stock: "1,200" }, "CNY")).toEqual({ price: 4_590, floorPrice: null, stock: 1_200 });
    expect(readProductPricesForm({ price: "¥４５", floorPrice: "29.90", stock: "０" }, "CNY")).toEqual({ price: 4_500, floorPrice: 2_990, stock: 0 });
    expect(readProductPricesForm({ price: "4500", floorPrice: "3000", stock: "7" }, "JPY")).toEqual({ price: 4_500, floorPrice: 3_000, stock: 7 });
  });

  it("refuse every field they cannot read at once, each at its field and saying why", () => {
    expect(refusals({ price: "", floorPrice: "1.234", stock: "-3" })).toEqual([
      ["price", "pricing.errors.priceRequired"],
      ["floorPrice", "pricing.errors.tooManyDecimals"],
      ["stock", "pricing.errors.stockRange"],
    ]);
    expect(refusals({ price: "abc", floorPrice: "", stock: "2.5" })).toEqual([
      ["price", "pricing.errors.notAnAmount"],
      ["stock", "pricing.errors.stockRange"],
    ]);
    expect(refusals({ price: "10", floorPrice: "", stock: "1000000001" })).toEqual([["stock", "pricing.errors.stockRange"]]);
  });

  it("words what a page showed in one line, a missing floor blank", () => {
    expect(productPricesShown({ price: 4_090, floorPrice: null, stock: 0 })).toBe("4090::0");
  });
});
