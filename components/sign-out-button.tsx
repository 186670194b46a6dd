"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";

export function SignOutButton() {
  const t = useTranslations("shell");
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/login" })}
      className="rounded px-2 py-1 text-sm text-stone-600 hover:bg-stone-200 hover:text-stone-900"
    >
      {t("signOut")}
    </button>
  );
}
