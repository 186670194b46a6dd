import { describe, expect, it } from "vitest";
import { errorLines, errorsOfFirstGroups, groupErrors, rowRuns, SHOWN_ERROR_GROUPS } from "./error-summary";

const notTime = '"x" is not a time';

describe("rowRuns", () => {
  it("writes rows as runs, then how many more", () => {
    expect(rowRuns([5])).toEqual({ runs: ["5"], more: 0 });
    expect(rowRuns([4, 2, 3, 7, 9, 10])).toEqual({ runs: ["2–4", "7", "9–10"], more: 0 });
    expect(rowRuns([1, 3, 5, 7, 9, 11, 12, 13], 3)).toEqual({ runs: ["1", "3", "5"], more: 5 });
  });
});

describe("errorsOfFirstGroups: the errors a summary of the first reasons reads", () => {
  it("keeps every row of the first reasons and nothing of the others, so their groups come out the same", () => {
    // 1,000 kept errors over 40 reasons, interleaved: each reason's rows lie all over the file.
    const errors = Array.from({ length: 1000 }, (_, i) => ({ row: i + 2, column: i % 3 === 0 ? "total" : "placedAt", message: `reason ${i % 40}` }));
    const kept = errorsOfFirstGroups(errors);
    expect(groupErrors(kept)).toEqual(groupErrors(errors).slice(0, SHOWN_ERROR_GROUPS));
    expect(kept.length).toBeLessThan(errors.length);
    expect(new Set(kept.map((e) => e.message)).size).toBeLessThanOrEqual(SHOWN_ERROR_GROUPS);
    // Fewer reasons than that: all of them, in their order.
    expect(errorsOfFirstGroups(errors.slice(0, 15))).toEqual(errors.slice(0, 15));
  });
});

describe("errorLines: what the command line prints for an import's errors", () => {
  it("says a reason given for many rows once, naming its rows, in the order of the file", () => {
    const errors = [
      { row: 2, column: "placedAt", message: notTime },
      { row: 3, column: "status", message: '"shipped" is not one of paid, cancelled' },
      ...Array.from({ length: 99 }, (_, i) => ({ row: i + 3, column: "placedAt", message: notTime })),
    ];
    expect(groupErrors(errors).map((g) => g.rows.length)).toEqual([100, 1]);
    const scattered = [2, 4, 6, 8, 10, 12, 14].map((row) => ({ row, column: "quantity", message: "0 is below 1" }));
    expect(errorLines({ errors: scattered, errorCount: 7, message: null })).toEqual(["  rows 2, 4, 6, 8, 10 and 2 more (quantity): 0 is below 1"]);
    expect(errorLines({ errors, errorCount: errors.length, message: "100 rows are not valid; nothing was imported." })).toEqual([
      `  rows 2–101 (placedAt): ${notTime}`,
      '  row 3 (status): "shipped" is not one of paid, cancelled',
    ]);
  });

  it("keeps one reason for the same message in another column apart", () => {
    const errors = [
      { row: 2, column: "orderExternalId", message: "is empty" },
      { row: 3, column: "customerExternalId", message: "is empty" },
      { row: 4, column: "orderExternalId", message: "is empty" },
    ];
    expect(errorLines({ errors, errorCount: 3, message: null })).toEqual(["  rows 2, 4 (orderExternalId): is empty", "  row 3 (customerExternalId): is empty"]);
  });

  it("does not repeat the lone reason the import's message already says", () => {
    const reason = "its text is not UTF-8 (line 2); save it as CSV UTF-8 and import it again";
    expect(errorLines({ errors: [{ row: 2, message: reason }], errorCount: 1, message: `The file is not readable CSV, so nothing was imported: ${reason}.` })).toEqual([]);
  });

  it("counts what it leaves out: rows past the lines it prints, and errors the import did not list", () => {
    const errors = Array.from({ length: 25 }, (_, i) => ({ row: i + 2, column: "quantity", message: `"q${i}" is not a whole number` }));
    const lines = errorLines({ errors, errorCount: 1500, message: null });
    expect(lines).toHaveLength(21);
    // Counts written as the import's message writes them ("1,500 rows are not valid").
    expect(lines.at(-1)).toBe("  … and 1,480 more (5 other reasons among them).");
    const same = Array.from({ length: 1000 }, (_, i) => ({ row: i + 2, column: "quantity", message: "0 is below 1" }));
    expect(errorLines({ errors: same, errorCount: 1500, message: null })).toEqual(["  rows 2–1001 (quantity): 0 is below 1", "  … and 500 more."]);
    const many = Array.from({ length: 1000 }, (_, i) => ({ row: 2 * i + 2, column: "quantity", message: "0 is below 1" }));
    expect(errorLines({ errors: many, errorCount: 1000, message: null })).toEqual(["  rows 2, 4, 6, 8, 10 and 995 more (quantity): 0 is below 1"]);
    expect(errorLines({ errors: same, errorCount: 75_000, message: null }).at(-1)).toBe("  … and 74,000 more.");
  });
});
