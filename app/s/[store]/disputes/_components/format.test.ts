import { describe, expect, it } from "vitest";
import { handSetDeadlineReason } from "./format";

const at = (day: number) => new Date(Date.UTC(2026, 11, day, 8)).toISOString();
const submitted = { kind: "submitted", data: { deadlineAt: at(10), deadlineRule: "counterNotice" } };
const changed = { kind: "deadline_changed", data: { from: at(10), to: at(30), reason: "平台同意延期答复" } };

describe("why a dispute's deadline is what it is", () => {
  it("is the step's rule until someone sets the date by hand", () => {
    expect(handSetDeadlineReason([submitted], new Date(at(10)))).toBeNull();
    expect(handSetDeadlineReason([submitted, changed], new Date(at(30)))).toBe("平台同意延期答复");
  });

  it("a routing keeps the hand-set date and its reason; an escalation sets a new one by its rule", () => {
    const routedKept = { kind: "routed", data: { deadlineAt: at(30), deadlineRule: "counterNotice" } };
    expect(handSetDeadlineReason([submitted, changed, routedKept], new Date(at(30)))).toBe("平台同意延期答复");
    const escalated = { kind: "escalated", data: { deadlineAt: at(14), deadlineRule: "standard" } };
    expect(handSetDeadlineReason([submitted, changed, routedKept, escalated], new Date(at(14)))).toBeNull();
  });

  it("a step given a date by hand carries its own reason", () => {
    const routed = { kind: "routed", data: { deadlineAt: at(20), overrideReason: "律师要求两周" } };
    expect(handSetDeadlineReason([submitted, routed], new Date(at(20)))).toBe("律师要求两周");
  });
});
