import "server-only";
import { createTranslator } from "next-intl";
import enDisputes from "@/messages/en/disputes.json";
import zhDisputes from "@/messages/zh-CN/disputes.json";
import type { StoredRouting } from "@/db/schema";
import type { DisputeView } from "./queries";
import { routingReasonText, type DisputesTranslator } from "./routing-words";

/** The API answers in English unless the client prefers Chinese (Accept-Language: zh…). */
export function apiLocale(request: Request): "en" | "zh-CN" {
  return /^\s*zh/i.test(request.headers.get("accept-language") ?? "") ? "zh-CN" : "en";
}

export function disputesTranslator(locale: "en" | "zh-CN"): DisputesTranslator {
  const messages = locale === "en" ? enDisputes : zhDisputes;
  return createTranslator({ locale, messages: { disputes: messages }, namespace: "disputes" }) as unknown as DisputesTranslator;
}

/** PRODUCT.md §8's routing object: the chain is the parties after the primary, the reasons in words. */
export function routingJson(routing: StoredRouting, deadlineAt: Date | null, locale: "en" | "zh-CN", currency: string) {
  const t = disputesTranslator(locale);
  return {
    primary: routing.primary,
    chain: routing.chain,
    reasons: routing.reasons.map((reason) => routingReasonText(reason as never, t, locale, currency)),
    deadlineAt: deadlineAt?.toISOString() ?? null,
  };
}

export function disputeJson(d: DisputeView, locale: "en" | "zh-CN", currency: string) {
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
    routing: { ...routingJson(d.routing, d.deadlineAt, locale, currency), preview: d.routingIsPreview },
    currentParty: d.currentParty,
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
