"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/store-action";

type Result = ActionResult<{ customers: number; highValue: number; tookMs: number }>;

export function RecomputeButton({ action }: { action: (previous: unknown, formData: FormData) => Promise<Result> }) {
  const t = useTranslations("customers");
  const [state, formAction, pending] = useActionState<Result | null, FormData>(action, null);
  return (
    <form
      action={formAction}
      // aria-disabled, not disabled, while it runs (focus stays on the button): a second submit is dropped.
      onSubmit={(event) => {
        if (pending) event.preventDefault();
      }}
      className="flex flex-wrap items-center gap-3">
      <button
        type="submit"
        aria-disabled={pending}
        className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-100 aria-disabled:opacity-60"
      >
        {t("recompute")}
      </button>
      {pending && (
        <span role="status" className="text-sm text-stone-500" aria-busy="true">
          {t("recomputing")}
        </span>
      )}
      {state && !state.ok && <span role="alert" className="text-sm text-red-700">{state.message}</span>}
      {state?.ok && (
        <span role="status" className="text-sm text-green-700">
          {t("recomputed", { customers: state.data.customers, highValue: state.data.highValue, ms: state.data.tookMs })}
        </span>
      )}
    </form>
  );
}
