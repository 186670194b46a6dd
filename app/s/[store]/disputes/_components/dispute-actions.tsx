"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { ActionForm } from "@/components/action-form";
import { Field, inputClass } from "@/components/ui/field";
import { RepeatedTimeChoice } from "@/components/ui/repeated-time-choice";
import { disputeOutcomes } from "@/lib/disputes/constants";
import type { ActionResult } from "@/lib/actions/store-action";
import type { Occurrence } from "@/lib/store-time";

type Action = (previous: unknown, formData: FormData) => Promise<ActionResult>;
const secondary = "rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-100 aria-disabled:opacity-60";
const row = "flex flex-wrap items-end gap-2";

/**
 * One click that moves the dispute on; `confirm` asks first, for a step that cannot be taken back.
 * `to`: the party the button names, sent along so that a step someone took meanwhile is refused
 * rather than taken a second time.
 */
export function StepButton({
  action,
  disputeId,
  label,
  confirm,
  testId,
  to,
}: {
  action: Action;
  disputeId: number;
  label: string;
  confirm?: string;
  testId?: string;
  to?: string;
}) {
  const t = useTranslations("disputes");
  return (
    <div data-testid={testId}>
      <ActionForm action={action} submitLabel={label} confirm={confirm} successMessage={t("act.done")} className={row}>
        <input type="hidden" name="disputeId" value={disputeId} />
        {to && <input type="hidden" name="to" value={to} />}
      </ActionForm>
    </div>
  );
}

export function AssignForm({ action, disputeId, members, current }: { action: Action; disputeId: number; members: { id: number; label: string }[]; current: number | null }) {
  const t = useTranslations("disputes");
  return (
    <ActionForm
      action={action}
      submitLabel={t("act.assign")}
      successMessage={t("act.done")}
      fieldLabels={{ assigneeUserId: t("act.assignTo") }}
      className={row}
      buttonClassName={secondary}
    >
      <input type="hidden" name="disputeId" value={disputeId} />
      <Field label={t("act.assignTo")}>
        {/* Keyed by the assignee saved: React sets a select's defaultValue once, so the reset after a
            save put back the one the page opened with, and the next 指派 quietly assigned them again. */}
        <select key={current ?? ""} name="assigneeUserId" defaultValue={current ?? undefined} className={inputClass}>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </Field>
    </ActionForm>
  );
}

/**
 * A new deadline, in the store's time (`zone`); `current`, the deadline as the input shows it, and
 * `currentOccurrence`, which of the two it is where the store's clock shows its time twice.
 */
export function DeadlineForm({ action, disputeId, current, currentOccurrence, zone }: { action: Action; disputeId: number; current: string; currentOccurrence?: Occurrence; zone: string }) {
  const t = useTranslations("disputes");
  // The time as typed, to ask which one is meant where the store's clock shows it twice; a reset
  // (after a save) puts the input back to the page's value, as does a page that shows a new one.
  const [typed, setTyped] = useState(current);
  const [shown, setShown] = useState(current);
  if (shown !== current) {
    setShown(current);
    setTyped(current);
  }
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const form = input.current?.form;
    const reset = () => setTyped(current);
    form?.addEventListener("reset", reset);
    return () => form?.removeEventListener("reset", reset);
  }, [current]);
  return (
    <ActionForm
      action={action}
      submitLabel={t("act.setDeadline")}
      successMessage={t("act.done")}
      fieldLabels={{ deadlineAt: t("act.newDeadline"), deadlineAtOccurrence: t("act.newDeadlineOccurrence"), reason: t("act.reason") }}
      className={row}
      buttonClassName={secondary}
    >
      <input type="hidden" name="disputeId" value={disputeId} />
      <Field label={t("act.newDeadline")}>
        <input ref={input} type="datetime-local" name="deadlineAt" required defaultValue={current} onChange={(event) => setTyped(event.currentTarget.value)} className={inputClass} />
      </Field>
      <Field label={t("act.reason")}>
        <input name="reason" required className={`${inputClass} w-64`} />
      </Field>
      <div className="basis-full empty:hidden">
        <RepeatedTimeChoice field="deadlineAt" fieldLabel={t("act.newDeadline")} text={typed} zone={zone} chosen={typed === current ? currentOccurrence : undefined} />
      </div>
    </ActionForm>
  );
}

export function ResolveForm({ action, disputeId }: { action: Action; disputeId: number }) {
  const t = useTranslations("disputes");
  return (
    <ActionForm
      action={action}
      submitLabel={t("act.resolve")}
      successMessage={t("act.done")}
      fieldLabels={{ outcome: t("act.outcome"), summary: t("act.summary") }}
      className={row}
    >
      <input type="hidden" name="disputeId" value={disputeId} />
      <Field label={t("act.outcome")}>
        <select name="outcome" className={inputClass}>
          {disputeOutcomes.map((o) => (
            <option key={o} value={o}>
              {t(`outcome.${o}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("act.summary")}>
        <input name="summary" required className={`${inputClass} w-72`} />
      </Field>
    </ActionForm>
  );
}

export function WithdrawForm({ action, disputeId }: { action: Action; disputeId: number }) {
  const t = useTranslations("disputes");
  return (
    <ActionForm
      action={action}
      submitLabel={t("act.withdraw")}
      confirm={t("act.withdrawConfirm")}
      successMessage={t("act.done")}
      fieldLabels={{ reason: t("act.withdrawReason") }}
      className={row}
      buttonClassName="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm text-red-700 hover:bg-red-50 aria-disabled:opacity-60"
    >
      <input type="hidden" name="disputeId" value={disputeId} />
      <Field label={t("act.withdrawReason")}>
        <input name="reason" required className={`${inputClass} w-64`} />
      </Field>
    </ActionForm>
  );
}

export function CommentForm({ action, disputeId }: { action: Action; disputeId: number }) {
  const t = useTranslations("disputes");
  return (
    <ActionForm
      action={action}
      submitLabel={t("page.addComment")}
      fieldLabels={{ body: t("page.comment") }}
      className="mt-3 flex flex-col items-start gap-2"
      buttonClassName={secondary}
    >
      <input type="hidden" name="disputeId" value={disputeId} />
      <Field label={t("page.comment")}>
        <textarea name="body" required rows={3} className={`${inputClass} w-full sm:min-w-80`} />
      </Field>
    </ActionForm>
  );
}
