import { describe, expect, it } from "vitest";
import type { Import } from "@/db/schema";
import type { Translate } from "@/lib/i18n/locales";
import { importView } from "./view";

describe("importView", () => {
  it("translates each reason once, however many rows it was given for, and says it for each of them", () => {
    const errors = Array.from({ length: 200 }, (_, i) => ({
      row: i + 2,
      column: "total",
      message: `"x${i % 3}" is not a whole number`,
      key: "importReasons.notWholeNumber",
      values: { value: `x${i % 3}` },
    }));
    const job = { id: 1, kind: "orders", format: "canonical", fileName: "orders.csv", status: "succeeded", errors, errorCount: 200, message: null, createdAt: new Date(), startedAt: null, finishedAt: null } as unknown as Import;
    const asked: string[] = [];
    const t = ((key: string, values?: Record<string, unknown>) => {
      asked.push(key);
      return `「${String(values?.value)}」不是整数`;
    }) as Translate;
    const view = importView(job, t);
    expect(view.errors).toHaveLength(200);
    expect(view.errors.slice(0, 4).map((e) => [e.row, e.message])).toEqual([
      [2, "「x0」不是整数"],
      [3, "「x1」不是整数"],
      [4, "「x2」不是整数"],
      [5, "「x0」不是整数"],
    ]);
    // The 10,000 errors of the history's 50 imports were translated one by one (0.65 s a view of the page).
    expect(asked).toHaveLength(3);
  });
});
