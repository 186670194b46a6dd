import type { DisputeView } from "@/lib/disputes/queries";
import type { DisputesTranslator } from "@/lib/disputes/routing-words";

type Event = DisputeView["events"][number];

const changedLabel: Record<string, string> = {
  type: "page.type",
  title: "form.titleLabel",
  description: "form.description",
  amountAtStake: "page.amount",
  orderId: "page.order",
  customerId: "page.customer",
  productId: "page.product",
  returnId: "page.return",
  counterpartyName: "page.counterparty",
  counterpartyKind: "page.counterparty",
  infringedRight: "page.infringedRight",
  infringingListing: "page.infringingListing",
};

/** One history entry in words: what changed, for the dispute page and the case packet. */
export function eventText(e: Event, t: DisputesTranslator, when: (iso: unknown) => string, nameOf: (id: unknown) => string): string {
  const d = e.data as Record<string, unknown>;
  const party = (code: unknown) => (code ? t(`party.${code}`) : t("none"));
  const override = d.overrideReason ? ` — ${t("events.overrideReason", { reason: String(d.overrideReason) })}` : "";
  switch (e.kind) {
    case "created":
      return t("events.created", { type: t(`type.${d.type}.label`) });
    case "draft_updated": {
      const labels = [...new Set(((d.changed as string[]) ?? []).map((k) => t(changedLabel[k] ?? "page.facts")))];
      return t("events.draft_updated", { fields: labels.join(t("itemSeparator")) });
    }
    case "submitted":
      return t("events.submitted", { primary: party(d.primary), deadline: when(d.deadlineAt) });
    case "assigned":
      // To nobody when the assignee left the store: named by the email kept in the event, as they
      // are no longer among the members the page names people from.
      if (d.reason === "member_removed") return t("events.unassignedRemoved", { email: String(d.email ?? nameOf(d.from)) });
      return t("events.assigned", { to: nameOf(d.to) });
    case "review_started":
      return t("events.review_started", { assignee: nameOf(d.assigneeUserId) });
    case "routed":
      return t("events.routed", { party: party(d.party), deadline: when(d.deadlineAt) }) + override;
    case "escalated":
      return t("events.escalated", { from: party(d.from), party: party(d.party), deadline: when(d.deadlineAt) }) + override;
    case "deadline_changed":
      return t("events.deadline_changed", { from: when(d.from), to: when(d.to), reason: String(d.reason ?? "") });
    case "resolved":
      return t("events.resolved", { outcome: t(`outcome.${d.outcome}`), summary: String(d.summary ?? "") });
    case "withdrawn":
      return t("events.withdrawn", { reason: String(d.reason ?? "") });
    case "comment":
      return t("events.comment", { body: String(d.body ?? "") });
    case "evidence_added":
      return t("events.evidence_added", { fileName: String(d.fileName ?? ""), sha256: String(d.sha256 ?? "") });
  }
}
