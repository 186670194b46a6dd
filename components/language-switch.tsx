"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocale } from "@/lib/i18n/set-locale";
import { localeNames, locales } from "@/lib/i18n/locales";

export function LanguageSwitch() {
  const current = useLocale();
  const t = useTranslations("shell");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div role="group" aria-label={t("language")} className="flex gap-1 text-sm">
      {locales.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={locale === current}
          // Not disabled while it switches: a disabled button drops the keyboard focus to the page.
          aria-disabled={pending}
          onClick={() => {
            if (pending) return;
            startTransition(async () => {
              await setLocale(locale);
              router.refresh();
            });
          }}
          className="rounded px-2 py-1 aria-pressed:bg-stone-800 aria-pressed:text-white hover:bg-stone-200 aria-pressed:hover:bg-stone-800"
        >
          {localeNames[locale]}
        </button>
      ))}
    </div>
  );
}
