"use client";

import { useTranslations } from "next-intl";
import { createContext, useContext } from "react";
import { ActionForm, SuccessStatus } from "@/components/action-form";
import { useLastingNotice } from "@/components/announcer";
import { Field, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/store-action";

type Action = (previous: unknown, formData: FormData) => Promise<ActionResult>;

const SayDone = createContext<(message: string) => void>(() => {});

/**
 * The flags section's confirmation line. It outlives the forms: a cleared flag's form goes with
 * the flag, and the form that set a flag stays, still saying so, when another is cleared.
 */
export function FlagNotices({ children }: { children: React.ReactNode }) {
  const [notice, sayDone] = useLastingNotice();
  return (
    <SayDone.Provider value={sayDone}>
      {children}
      {notice && <SuccessStatus className="mt-2 text-sm text-green-700">{notice}</SuccessStatus>}
    </SayDone.Provider>
  );
}

export function SetFlagForm({ action, customerId, available }: { action: Action; customerId: number; available: string[] }) {
  const t = useTranslations();
  const sayDone = useContext(SayDone);
  if (available.length === 0) return null;
  return (
    <ActionForm
      action={action}
      submitLabel={t("customer.setFlag")}
      onSuccess={() => sayDone(t("customer.flagSet"))}
      fieldLabels={{ flag: t("customer.flag"), reason: t("customer.reason") }}
      className="mt-3 flex flex-wrap items-end gap-3"
    >
      <input type="hidden" name="customerId" value={customerId} />
      <Field label={t("customer.flag")}>
        <select name="flag" className={inputClass}>
          {available.map((flag) => (
            <option key={flag} value={flag}>
              {t(`flags.${flag}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("customer.reason")}>
        <input name="reason" required className={`${inputClass} w-72`} />
      </Field>
    </ActionForm>
  );
}

export function ClearFlagForm({ action, customerId, flag }: { action: Action; customerId: number; flag: string }) {
  const t = useTranslations();
  const sayDone = useContext(SayDone);
  return (
    <ActionForm
      action={action}
      submitLabel={t("customer.clearFlag")}
      onSuccess={() => sayDone(t("customer.flagCleared"))}
      fieldLabels={{ reason: t("customer.reason") }}
      className="flex flex-wrap items-end gap-2"
      buttonClassName="rounded-md border border-stone-300 px-3 py-1.5 text-sm hover:bg-stone-100 aria-disabled:opacity-60"
    >
      <input type="hidden" name="customerId" value={customerId} />
      <input type="hidden" name="flag" value={flag} />
      <Field label={t("customer.reason")}>
        <input name="reason" required className={`${inputClass} w-60`} aria-label={t("shell.labelled", { label: t("customer.clearFlag"), text: `${t(`flags.${flag}`)} — ${t("customer.reason")}` })} />
      </Field>
    </ActionForm>
  );
}
