import "server-only";
import { createTranslator } from "next-intl";
import enDisputes from "@/messages/en/disputes.json";
import zhDisputes from "@/messages/zh-CN/disputes.json";
import type { DisputeView } from "./queries";
import { routingReasonText, type DisputesTranslator } from "./routing-words";
import { isClosed } from "./workflow";

/** The API answers in English unless the client prefers Chinese (Accept-Language: zh…). */
export function apiLocale(request: Request): "en" | "zh-CN" {
  return /^\s*zh/i.test(request.headers.get("accept-language") ?? "") ? "zh-CN" : "en";
}

export function disputesTranslator(locale: "en" | "zh-CN"): DisputesTranslator {
  const messages = locale === "en" ? enDisputes : zhDisputes;
  return createTranslator({ locale, messages: { disputes: messages }, namespace: "disputes" }) as unknown as DisputesTranslator;
}

/**
 * Who the dispute waits on and until when. A resolved or withdrawn one waits on no one: its
 * `currentParty` and deadline are null (as its page says "no deadline, closed"), and the party it
 * was last with is `lastParty`, null while it is open.
 */
export function partyAndDeadline(d: Pick<DisputeView, "status" | "currentParty" | "deadlineAt">) {
  const closed = isClosed(d.status);
  return {
    currentParty: closed ? null : d.currentParty,
    lastParty: closed ? d.currentParty : null,
    deadlineAt: closed ? null : (d.deadlineAt?.toISOString() ?? null),
  };
}

/** PRODUCT.md §8's routing object: the chain is the parties after the primary, the reasons in words. */
export function routingJson(d: Pick<DisputeView, "routing" | "status" | "currentParty" | "deadlineAt">, locale: "en" | "zh-CN", currency: string) {
  const t = disputesTranslator(locale);
  return {
    primary: d.routing.primary,
    chain: d.routing.chain,
    reasons: d.routing.reasons.map((reason) => routingReasonText(reason as never, t, locale, currency)),
    deadlineAt: partyAndDeadline(d).deadlineAt,
  };
}

export function disputeJson(d: DisputeView, locale: "en" | "zh-CN", currency: string) {
  const { currentParty, lastParty } = partyAndDeadline(d);
  return {
    id: d.id,
    type: d.type,
    status: d.status,
    title: d.title,
    description: d.description,
    amountAtStake: d.amountAtStake,
    orderExternalId: d.orderExternalId,
    customerExternalId: d.customerExternalId,
    productExternalId: d.productExternalId,
    returnExternalId: d.returnExternalId,
    counterparty: d.counterpartyName ? { name: d.counterpartyName, kind: d.counterpartyKind } : null,
    infringedRight: d.infringedRight,
    infringingListing: d.infringingListing,
    routing: { ...routingJson(d, locale, currency), preview: d.routingIsPreview },
    currentParty,
    lastParty,
    overdue: d.overdue,
    repeatComplainant: d.repeatComplainant,
    assignee: d.assigneeName,
    outcome: d.outcome,
    resolutionSummary: d.resolutionSummary,
    createdAt: d.createdAt.toISOString(),
    submittedAt: d.submittedAt?.toISOString() ?? null,
    closedAt: d.closedAt?.toISOString() ?? null,
    evidence: d.evidence.map((e) => ({
      id: e.id,
      fileName: e.fileName,
      mediaType: e.mediaType,
      sizeBytes: e.sizeBytes,
      sha256: e.sha256,
      uploadedAt: e.uploadedAt.toISOString(),
    })),
    history: d.events.map((e) => ({
      kind: e.kind,
      at: e.at.toISOString(),
      actor: e.actorName,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      data: e.data,
    })),
  };
}
