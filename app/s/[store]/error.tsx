"use client";

import { useTranslations } from "next-intl";

// Unexpected errors: a generic message with the digest the server logged, never the details.
export default function StoreError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <div role="alert" className="max-w-xl rounded-lg border border-red-200 bg-red-50 p-6">
      <p className="text-red-800">{t("unexpected", { ref: error.digest ?? "—" })}</p>
      <button type="button" onClick={reset} className="mt-4 rounded-md border border-red-300 px-3 py-1 text-sm hover:bg-red-100">
        {t("retry")}
      </button>
    </div>
  );
}
