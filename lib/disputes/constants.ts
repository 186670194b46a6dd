// The dispute vocabulary of PRODUCT.md §6, free of the database layer so client components can use it.

export const disputeTypes = [
  "ip_infringement",
  "counterfeit_accusation",
  "malicious_complaint",
  "fake_return",
  "unfair_platform_treatment",
  "malicious_competition",
  "supplier_quality",
  "brand_authorization",
] as const;

export const disputeStatuses = ["draft", "submitted", "in_review", "routed", "escalated", "resolved", "withdrawn"] as const;

/**
 * Statuses in which a deadline runs: from the submission while the dispute waits for its review,
 * then the party's own from each routing or escalation.
 */
export const openDisputeStatuses = ["submitted", "in_review", "routed", "escalated"] as const satisfies readonly (typeof disputeStatuses)[number][];

export const disputeParties = [
  "ip_protection_agency",
  "platform",
  "brand_owner",
  "consumer_protection_agency",
  "ecommerce_association",
  "industry_association",
  "supplier",
  "lawyer",
] as const;

export const disputeOutcomes = ["won", "settled", "lost"] as const;

export const counterpartyKinds = ["competitor", "supplier", "brand_owner", "rights_holder", "platform", "buyer", "other"] as const;

export const disputeEventKinds = [
  "created",
  "draft_updated",
  "submitted",
  "assigned",
  "review_started",
  "routed",
  "escalated",
  "deadline_changed",
  "resolved",
  "withdrawn",
  "comment",
  "evidence_added",
] as const;

export type DisputeType = (typeof disputeTypes)[number];

export type DisputeStatus = (typeof disputeStatuses)[number];

export type DisputeParty = (typeof disputeParties)[number];

export type DisputeOutcome = (typeof disputeOutcomes)[number];

export type CounterpartyKind = (typeof counterpartyKinds)[number];

export type DisputeEventKind = (typeof disputeEventKinds)[number];
