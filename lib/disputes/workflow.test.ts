import { describe, expect, it } from "vitest";
import { disputeStatuses, type DisputeStatus } from "@/db/schema/disputes";
import { allowedFrom, assertCanRun, availableActions, disputeActions, resultingStatus } from "./workflow";

// PRODUCT.md §6's workflow, written out by hand: the code's table must match it.
const expected: Record<string, DisputeStatus[]> = {
  edit: ["draft"],
  submit: ["draft"],
  assign: ["submitted", "in_review", "routed", "escalated"],
  startReview: ["submitted"],
  route: ["in_review"],
  escalate: ["routed", "escalated"],
  setDeadline: ["submitted", "in_review", "routed", "escalated"],
  resolve: ["in_review", "routed", "escalated"],
  withdraw: ["draft", "submitted", "in_review", "routed", "escalated"],
  comment: [...disputeStatuses],
  addEvidence: ["draft", "submitted", "in_review", "routed", "escalated"],
};

describe("the dispute workflow", () => {
  it("allows each action only from the statuses of §6", () => {
    for (const action of disputeActions) expect([...allowedFrom[action]].sort()).toEqual([...expected[action]!].sort());
  });

  it("moves forward draft → submitted → in_review → routed → escalated → resolved, or withdrawn", () => {
    expect(resultingStatus).toEqual({
      submit: "submitted",
      startReview: "in_review",
      route: "routed",
      escalate: "escalated",
      resolve: "resolved",
      withdraw: "withdrawn",
    });
  });

  const illegal = disputeActions.flatMap((action) =>
    disputeStatuses.filter((status) => !expected[action]!.includes(status)).map((status) => [action, status] as const),
  );

  it.each(illegal)("refuses %s from %s with a clear reason (409)", (action, status) => {
    let caught: unknown;
    try {
      assertCanRun(action, status);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({
      code: "conflict",
      status: 409,
      key: "disputes.errors.notAllowed",
      values: { action, status, allowed: expected[action]!.join(",") },
    });
    expect((caught as Error).message).toContain(`that is ${status}`);
  });

  it("refuses nothing it allows", () => {
    for (const action of disputeActions) for (const status of expected[action]!) expect(() => assertCanRun(action, status)).not.toThrow();
  });

  it("leaves only comments on closed disputes", () => {
    expect(availableActions("resolved")).toEqual(["comment"]);
    expect(availableActions("withdrawn")).toEqual(["comment"]);
    expect(illegal.length).toBeGreaterThan(40);
  });
});
