import { describe, expect, it } from "vitest";
import en from "@/messages/en/disputes.json";
import zh from "@/messages/zh-CN/disputes.json";
import { disputeTypes } from "@/lib/disputes/constants";
import { wrapLabel } from "@/lib/render/fit-label";
import { categoryLabelLayout } from "./stacked-bar-chart";

// The dashboard's disputes by type: what a 390 px phone (a 326 px chart) and a 1280 px desktop
// (the card across the page) do with the eight type names.
const names = (messages: typeof en) => disputeTypes.map((type) => messages.type[type].label);

describe("categoryLabelLayout", () => {
  it("sets every English type name on one line on a desktop, and on two whole lines on a phone", () => {
    expect(categoryLabelLayout(names(en), 1180)).toEqual({ width: 192, lines: 1 });
    const phone = categoryLabelLayout(names(en), 326);
    expect(phone).toEqual({ width: 121, lines: 2 });
    for (const name of names(en)) expect(wrapLabel(name, phone.width - 12, 12, phone.lines).cut, name).toBe(false);
    expect(wrapLabel("Unfair platform treatment", phone.width - 12, 12, phone.lines).lines).toEqual(["Unfair platform", "treatment"]);
  });

  it("keeps the Chinese names on one line, on a phone too", () => {
    expect(categoryLabelLayout(names(zh), 326)).toEqual({ width: 96, lines: 1 });
    expect(categoryLabelLayout(names(zh), 1180)).toEqual({ width: 96, lines: 1 });
  });

  it("leaves the bars most of a narrow chart, cutting only what two lines cannot hold", () => {
    const layout = categoryLabelLayout(["Unfair platform treatment by the marketplace's automated review"], 200);
    expect(layout).toEqual({ width: 80, lines: 2 });
    expect(wrapLabel("Unfair platform treatment by the marketplace's automated review", layout.width - 12, 12, 2).cut).toBe(true);
  });
});
