import { disputeStatuses, openDisputeStatuses, type DisputeStatus } from "@/db/schema/disputes";
import { AppError } from "@/lib/errors";

// PRODUCT.md §6's workflow: draft → submitted → in_review → routed → escalated → resolved, or
// withdrawn. Which action may run from which status; everything else is refused with a reason.

export const disputeActions = [
  "edit",
  "submit",
  "assign",
  "startReview",
  "route",
  "escalate",
  "setDeadline",
  "resolve",
  "withdraw",
  "comment",
  "addEvidence",
] as const;
export type DisputeAction = (typeof disputeActions)[number];

const open: DisputeStatus[] = [...openDisputeStatuses];

export const allowedFrom: Record<DisputeAction, readonly DisputeStatus[]> = {
  edit: ["draft"],
  submit: ["draft"],
  assign: open,
  startReview: ["submitted"],
  route: ["in_review"],
  escalate: ["routed", "escalated"],
  setDeadline: open,
  resolve: ["in_review", "routed", "escalated"],
  withdraw: ["draft", ...open],
  comment: disputeStatuses,
  addEvidence: ["draft", ...open],
};

/** The status an action leaves the dispute in (actions not listed keep the status). */
export const resultingStatus: Partial<Record<DisputeAction, DisputeStatus>> = {
  submit: "submitted",
  startReview: "in_review",
  route: "routed",
  escalate: "escalated",
  resolve: "resolved",
  withdraw: "withdrawn",
};

/**
 * Statuses in which a deadline runs: from the submission while the dispute waits for its review,
 * then the party's own from each routing or escalation.
 */
export const openStatuses: readonly DisputeStatus[] = open;

/**
 * Statuses that end a dispute: nothing is awaited from anyone, so its last party and deadline are
 * history, not something to watch.
 */
export const closedStatuses: readonly DisputeStatus[] = ["resolved", "withdrawn"];

export function isClosed(status: DisputeStatus): boolean {
  return closedStatuses.includes(status);
}

export function canRun(action: DisputeAction, status: DisputeStatus): boolean {
  return allowedFrom[action].includes(status);
}

/** The actions a user can take on a dispute in this status (the page shows only these). */
export function availableActions(status: DisputeStatus): DisputeAction[] {
  return disputeActions.filter((action) => canRun(action, status));
}

/**
 * Refuses an action the dispute's status does not allow (409), saying what it is and which
 * statuses would allow it. The values are codes: pages put them into words.
 */
export function assertCanRun(action: DisputeAction, status: DisputeStatus): void {
  if (canRun(action, status)) return;
  const allowed = allowedFrom[action];
  throw new AppError(
    "conflict",
    `Cannot ${action} a dispute that is ${status}; this needs a dispute that is ${allowed.join(" or ")}.`,
    "disputes.errors.notAllowed",
    { action, status, allowed: allowed.join(",") },
  );
}
