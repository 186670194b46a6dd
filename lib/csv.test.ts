import { describe, expect, it } from "vitest";
import { csvLine } from "./csv";

describe("CSV lines", () => {
  it("quotes what needs quoting and leaves the rest", () => {
    expect(csvLine(["C1", "王, 小明", 'say "hi"', 12.5, true, null])).toBe('C1,"王, 小明","say ""hi""",12.5,true,\r\n');
  });

  it("defuses spreadsheet formulas in text but not negative numbers", () => {
    expect(csvLine(["=HYPERLINK(\"x\")", "@cmd", -5])).toBe("\"'=HYPERLINK(\"\"x\"\")\",'@cmd,-5\r\n");
  });
});
