import Link from "next/link";
import type { ReactNode } from "react";

/**
 * The <link> of "no staff yet: add staff in Settings": the settings page's staff section, where
 * the owner adds them (it named Settings and left the owner to find it).
 */
export const staffSettingsLink = (slug: string) =>
  function StaffSettingsLink(text: ReactNode) {
    return (
      <Link href={`/s/${slug}/settings#staff`} className="text-brand-600 underline">
        {text}
      </Link>
    );
  };
