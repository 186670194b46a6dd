import { addStoreDays } from "@/lib/store-time";
import type { DisputeParty, DisputeType } from "@/db/schema/disputes";

// PRODUCT.md §6: who can act on each kind of dispute, in order. Pure: no database, no clock.

export const routingTable: Record<DisputeType, { primary: DisputeParty; escalation: DisputeParty[] }> = {
  ip_infringement: { primary: "ip_protection_agency", escalation: ["platform", "lawyer"] },
  counterfeit_accusation: { primary: "platform", escalation: ["brand_owner", "lawyer"] },
  malicious_complaint: { primary: "platform", escalation: ["consumer_protection_agency", "lawyer"] },
  fake_return: { primary: "platform", escalation: ["consumer_protection_agency", "lawyer"] },
  unfair_platform_treatment: { primary: "platform", escalation: ["ecommerce_association", "lawyer"] },
  malicious_competition: { primary: "platform", escalation: ["industry_association", "lawyer"] },
  supplier_quality: { primary: "supplier", escalation: ["lawyer"] },
  brand_authorization: { primary: "brand_owner", escalation: ["platform", "lawyer"] },
};

/**
 * The dispute types the table sends to `party` first, and those it may escalate to it, in the
 * table's order (the parties directory says what each party is there for).
 */
export function typesRoutedTo(party: DisputeParty): { first: DisputeType[]; escalated: DisputeType[] } {
  const rows = Object.entries(routingTable) as [DisputeType, (typeof routingTable)[DisputeType]][];
  return {
    first: rows.filter(([, row]) => row.primary === party).map(([type]) => type),
    escalated: rows.filter(([, row]) => row.escalation.includes(party)).map(([type]) => type),
  };
}

/** The parties the rules on top of the table bring right after the primary party. */
export const THRESHOLD_PARTY: DisputeParty = "lawyer";
export const REPEAT_COMPLAINANT_PARTY: DisputeParty = "consumer_protection_agency";

/** Earlier malicious_complaint / fake_return disputes that make a customer a repeat complainant. */
export const REPEAT_COMPLAINANT_MIN = 3;
/** PRODUCT.md §6's default legal threshold: ¥50,000 in fen (minor units of the store currency). */
export const DEFAULT_LEGAL_THRESHOLD = 5_000_000;

export type RoutingReasonCode = "table" | "threshold" | "belowThreshold" | "repeatComplainant" | "notRepeatComplainant";

/**
 * One reason, as codes and numbers: the words are made from it in the reader's language
 * (`routingReasonText`). Party lists are comma-separated party codes.
 */
export interface RoutingReason {
  code: RoutingReasonCode;
  values: Record<string, string | number>;
}

export interface RoutingInput {
  type: DisputeType;
  /** Minor units of the store currency. */
  amountAtStake: number;
  legalThreshold: number;
  /** The complainant's earlier malicious_complaint / fake_return disputes; null without a complainant. */
  earlierComplaints: number | null;
}

export interface Routing {
  primary: DisputeParty;
  /** The parties after the primary, in the order the dispute escalates to them. */
  chain: DisputeParty[];
  reasons: RoutingReason[];
  repeatComplainant: boolean;
}

function moveRightAfterPrimary(order: DisputeParty[], party: DisputeParty): DisputeParty[] {
  const rest = order.slice(1).filter((p) => p !== party);
  return [order[0]!, party, ...rest];
}

/**
 * The primary party and the escalation chain of a dispute, with the reasons. The two rules on
 * top of the table apply in the order PRODUCT.md states them: an amount at or over the legal
 * threshold brings the lawyer right after the primary party; then a repeat complainant moves the
 * consumer protection agency right after the primary party (ahead of that lawyer).
 */
export function computeRouting(input: RoutingInput): Routing {
  const row = routingTable[input.type];
  let order: DisputeParty[] = [row.primary, ...row.escalation];
  const reasons: RoutingReason[] = [
    { code: "table", values: { type: input.type, primary: row.primary, chain: row.escalation.join(",") } },
  ];

  const overThreshold = input.amountAtStake >= input.legalThreshold;
  if (overThreshold) order = moveRightAfterPrimary(order, THRESHOLD_PARTY);

  const repeatComplainant = input.earlierComplaints !== null && input.earlierComplaints >= REPEAT_COMPLAINANT_MIN;
  if (repeatComplainant) order = moveRightAfterPrimary(order, REPEAT_COMPLAINANT_PARTY);

  // The reasons name the parties each one finally follows, so they stay true when both rules apply.
  const before = (party: DisputeParty) => order.slice(0, order.indexOf(party)).join(",");
  reasons.push({
    code: overThreshold ? "threshold" : "belowThreshold",
    values: { amount: input.amountAtStake, threshold: input.legalThreshold, after: overThreshold ? before(THRESHOLD_PARTY) : "" },
  });
  if (input.earlierComplaints !== null) {
    reasons.push({
      code: repeatComplainant ? "repeatComplainant" : "notRepeatComplainant",
      values: {
        count: input.earlierComplaints,
        min: REPEAT_COMPLAINANT_MIN,
        after: repeatComplainant ? before(REPEAT_COMPLAINANT_PARTY) : "",
      },
    });
  }
  return { primary: order[0]!, chain: order.slice(1), reasons, repeatComplainant };
}

/** Days a party has to answer a routed step (PRODUCT.md §6). */
export const COUNTER_NOTICE_DAYS = 15;
export const DEFAULT_RESPONSE_DAYS = 7;

/**
 * The response deadline of a step sent to `party`. A counterfeit accusation at the platform runs
 * on the 15-day counter-notice clock of the PRC E-Commerce Law art. 43; every other step on 7 days.
 * Days on the store's calendar: the deadline is at the hour of `from` on the store's clock, also
 * across a change to or from summer time (7 × 24 hours from 10:00 read 11:00 after one).
 */
export function responseDeadline(type: DisputeType, party: DisputeParty, from: Date, timeZone: string) {
  const counterNotice = type === "counterfeit_accusation" && party === "platform";
  const days = counterNotice ? COUNTER_NOTICE_DAYS : DEFAULT_RESPONSE_DAYS;
  return { at: addStoreDays(from, days, timeZone), days, rule: counterNotice ? "counterNotice" : "standard" } as const;
}
