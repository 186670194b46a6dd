import type { DisputeParty, DisputeStatus, DisputeType } from "@/db/schema";
import { responseDeadline } from "@/lib/disputes/routing";
import type { DisputesTranslator } from "@/lib/disputes/routing-words";
import { isClosed } from "@/lib/disputes/workflow";

/**
 * The reason the running deadline was set by hand (a date the platform gave), or null when a
 * step's rule set it: the page then names that rule, which beside a hand-set date was wrong.
 * Events in the order they happened; a routing keeps a hand-set deadline, an escalation does not.
 */
export function handSetDeadlineReason(events: { kind: string; data: Record<string, unknown> }[], deadlineAt: Date | null): string | null {
  let current: unknown = null;
  let reason: string | null = null;
  for (const { kind, data } of events) {
    if (kind === "deadline_changed") {
      current = data.to;
      reason = String(data.reason ?? "");
    } else if (kind === "submitted" || kind === "routed" || kind === "escalated") {
      if (typeof data.overrideReason === "string") reason = data.overrideReason;
      else if (data.deadlineAt !== current) reason = null;
      current = data.deadlineAt;
    }
  }
  return deadlineAt && current === deadlineAt.toISOString() ? reason : null;
}

/**
 * Why the running deadline is the date it is, in words ("15 天：《电子商务法》第四十三条……", or the
 * reason it was set by hand); null when no deadline runs (a draft, a closed dispute).
 */
export function deadlineBasis(
  d: { status: DisputeStatus; type: DisputeType; currentParty: DisputeParty | null; deadlineAt: Date | null; events: { kind: string; data: Record<string, unknown> }[] },
  t: DisputesTranslator,
  timeZone: string,
): string | null {
  if (isClosed(d.status) || !d.deadlineAt) return null;
  const handSet = handSetDeadlineReason(d.events, d.deadlineAt);
  if (handSet !== null) return t("deadlineRule.byHand", { reason: handSet });
  return d.currentParty ? t(`deadlineRule.${responseDeadline(d.type, d.currentParty, new Date(), timeZone).rule}`) : null;
}

const fileKinds: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "application/pdf": "pdf", "text/plain; charset=utf-8": "txt" };

/** An evidence file's type in words ("纯文本", "PNG image"), not its media type ("text/plain; charset=utf-8"). */
export function fileKindLabel(mediaType: string, t: DisputesTranslator): string {
  const kind = fileKinds[mediaType];
  return kind ? t(`fileKind.${kind}`) : mediaType;
}
