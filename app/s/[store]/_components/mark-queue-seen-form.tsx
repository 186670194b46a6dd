"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/action-form";
import type { ActionResult } from "@/lib/actions/store-action";

export function MarkQueueSeenForm({ action }: { action: (previous: unknown, formData: FormData) => Promise<ActionResult> }) {
  const t = useTranslations("care");
  return (
    <ActionForm
      action={action}
      submitLabel={t("markSeen")}
      successMessage={t("markedSeen")}
      className="flex flex-wrap items-center gap-3"
      buttonClassName="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-100 aria-disabled:opacity-60"
    />
  );
}
