import Link from "next/link";

/** The way back above a page's title ("← 全部维权案件"): to the list or record the page belongs to. */
export function BackLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className="text-sm text-stone-600 underline">
      ← {children}
    </Link>
  );
}
