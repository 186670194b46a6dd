"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { SuccessStatus } from "@/components/action-form";
import { useAnnounce } from "@/components/announcer";
import { useActionForm } from "@/components/use-action-form";
import type { ActionResult } from "@/lib/actions/store-action";

type Result = ActionResult<{ customers: number; highValue: number; tookMs: number }>;

export function RecomputeButton({ action }: { action: (previous: unknown, formData: FormData) => Promise<Result> }) {
  const t = useTranslations("customers");
  // Through the shared form hook (it was a form of its own): the announcer says that the
  // recompute began (it takes seconds in a large store) and what it did.
  const recomputed = (data: { customers: number; highValue: number; tookMs: number }) =>
    t("recomputed", { customers: data.customers, highValue: data.highValue, ms: data.tookMs });
  const { state, pending, formProps } = useActionForm<Result>(action, { successMessage: recomputed });
  const announce = useAnnounce();
  useEffect(() => {
    if (pending) announce(t("recomputing"));
  }, [pending, announce, t]);
  return (
    <form {...formProps} className="flex flex-wrap items-center gap-3">
      {/* aria-disabled, not disabled, while it runs (focus stays on the button): a second submit is dropped. */}
      <button
        type="submit"
        aria-disabled={pending}
        className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-100 aria-disabled:opacity-60"
      >
        {t("recompute")}
      </button>
      {pending && <span className="text-sm text-stone-500">{t("recomputing")}</span>}
      {!pending && state && !state.ok && <span role="alert" className="text-sm text-red-700">{state.message}</span>}
      {!pending && state?.ok && (
        <SuccessStatus className="text-sm text-green-700" testId="recomputed">
          {recomputed(state.data)}
        </SuccessStatus>
      )}
    </form>
  );
}
