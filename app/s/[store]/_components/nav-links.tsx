"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export interface NavItem {
  href: string;
  label: string;
}

export function NavLinks({ items, label }: { items: NavItem[]; label: string }) {
  const pathname = usePathname();
  const root = items[0]?.href;
  return (
    // On a phone the links wrap onto a second line: scrolled sideways, the last ones (imports,
    // settings) stood past the screen's edge with nothing to say they were there. Their focus
    // outline is drawn inside them all the same.
    <nav aria-label={label} className="flex flex-wrap gap-1 md:flex-col md:flex-nowrap">
      {items.map((item) => {
        const active = item.href === root ? pathname === root : pathname.startsWith(item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className="whitespace-nowrap rounded-md focus-visible:outline-offset-[-2px] px-3 py-2 text-sm text-stone-700 hover:bg-stone-200 aria-[current=page]:bg-brand-50 aria-[current=page]:font-semibold aria-[current=page]:text-brand-700"
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
