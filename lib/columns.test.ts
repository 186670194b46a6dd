import { describe, expect, it } from "vitest";
import { fromColumns, toColumns } from "./columns";

describe("toColumns / fromColumns", () => {
  it("gives back the rows in their order, every field with its value", () => {
    const rows = [
      { id: 2, name: "王芳", gates: ["returns"], rep: null },
      { id: 1, name: "Ann", gates: [], rep: "Li" },
    ];
    const columns = toColumns(rows);
    expect(columns).toEqual({ id: [2, 1], name: ["王芳", "Ann"], gates: [["returns"], []], rep: [null, "Li"] });
    expect(fromColumns(columns)).toEqual(rows);
  });

  it("makes no rows of none", () => {
    expect(fromColumns(toColumns<{ id: number }>([]))).toEqual([]);
  });
});
