"use client";

import { useEffect, useState } from "react";

/**
 * On a page refused for want of a session: sends the browser on to the sign-in page, which
 * brings it back here once signed in. The server cannot name the page (a server component is
 * not told its URL), the browser can; without JavaScript the link still leads to sign-in.
 */
export function ToSignIn({ label }: { label: string }) {
  const [href, setHref] = useState("/login");
  useEffect(() => {
    const here = `/login?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`;
    setHref(here);
    window.location.replace(here);
  }, []);
  return (
    <a href={href} className="mt-6 inline-block text-brand-600 underline">
      {label}
    </a>
  );
}
