"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";

export function SignOutButton() {
  const t = useTranslations("shell");
  const [signingOut, setSigningOut] = useState(false);
  // A second click can land before React re-renders the button disabled: the ref turns it away.
  const started = useRef(false);
  return (
    <button
      type="button"
      disabled={signingOut}
      onClick={() => {
        if (started.current) return;
        started.current = true;
        setSigningOut(true);
        // Failed (the network): the button comes back to be tried again.
        signOut({ callbackUrl: "/login" }).catch(() => {
          started.current = false;
          setSigningOut(false);
        });
      }}
      className="rounded px-2 py-1 text-sm text-stone-600 hover:bg-stone-200 hover:text-stone-900 disabled:cursor-wait disabled:hover:bg-transparent"
    >
      {signingOut ? t("signingOut") : t("signOut")}
    </button>
  );
}
