"use client";

import { useTranslations } from "next-intl";
import { ActionForm, SuccessStatus } from "@/components/action-form";
import { useLastingNotice } from "@/components/announcer";
import type { ActionResult } from "@/lib/actions/store-action";

type Action = (previous: unknown, formData: FormData) => Promise<ActionResult>;

/** What the spread action answers: the customers it assigned, and to how many of the staff. */
export type SpreadDone = { assigned: number; staff: number };

/**
 * Owners choose the staff to share the high-value customers without a rep, in one step. `open`:
 * some are left to share. A spread leaves none, and the page's refresh then takes the form away:
 * its confirmation (how many customers, to how many staff) stands outside it, to be seen.
 */
export function SpreadForm({ action, staff, open }: { action: Action; staff: { userId: number; label: string }[]; open: boolean }) {
  const t = useTranslations("care");
  const [done, say] = useLastingNotice();
  const sayDone = (data: unknown) => {
    const { assigned, staff: reps } = data as SpreadDone;
    say(t("spreadDone", { count: assigned, staff: reps }));
  };
  return (
    <>
      {open && (
        <ActionForm action={action} submitLabel={t("spread")} onSuccess={sayDone} fieldLabels={{ form: t("staff") }} className="mt-3 flex flex-wrap items-end gap-4">
          {/* No staff ticked is a refusal of the whole form (its field is "form"): the group takes that
              name so it is marked and described by the reason as a field is, and can take the focus. */}
          <fieldset name="form" tabIndex={-1} className="flex flex-wrap gap-4">
            <legend className="mb-1 text-sm font-medium text-stone-700">{t("staff")}</legend>
            {staff.map((s) => (
              <label key={s.userId} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name={`staff-${s.userId}`} defaultChecked />
                {s.label}
              </label>
            ))}
          </fieldset>
        </ActionForm>
      )}
      {done && (
        <SuccessStatus className="mt-3 text-sm text-green-700" testId="spread-done">
          {done}
        </SuccessStatus>
      )}
    </>
  );
}
