import Link from "next/link";
import { notFound } from "next/navigation";
import { requireStore } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { parsePathId } from "@/lib/path-id";
import { localeNames, locales, toLocale } from "@/lib/i18n/locales";
import { loadPacket, packetLocale, packetWords } from "./load-packet";
import { casePacketBody, packetStyles } from "./packet-html";
import { packetOptions, packetQuery, type PacketOptions } from "./packet-options";
import { PrintButton } from "../../_components/print-button";
import { loadDispute } from "../../load-dispute";
import { getTranslations } from "@/lib/i18n/server";

type Query = Record<string, string | string[] | undefined>;

// Named by the dispute, as the packet's heading is (it was "#12"), and in the packet's language:
// a browser prints the title at the top of each page.
export async function generateMetadata({ params, searchParams }: { params: Promise<{ store: string; id: string }>; searchParams: Promise<Query> }) {
  const [{ store, id }, query] = await Promise.all([params, searchParams]);
  const [{ dispute }, locale] = await Promise.all([loadDispute(store, id), packetLocale(packetOptions(query))]);
  return { title: `${packetWords(locale)("disputes.packetPage.title")} · #${dispute.id} ${dispute.title}` };
}

export default async function PacketPage({
  params,
  searchParams,
}: {
  params: Promise<{ store: string; id: string }>;
  searchParams: Promise<Query>;
}) {
  // The page around the packet speaks the console's language (t); the packet, the one chosen here.
  const [{ store, id }, query, t] = await Promise.all([params, searchParams, getTranslations("disputes")]);
  const ctx = await requireStore(store);
  const disputeId = parsePathId(id) ?? notFound();
  const options = packetOptions(query);
  let packet;
  try {
    packet = await loadPacket(ctx, disputeId, options);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const base = `/s/${ctx.store.slug}/disputes/${disputeId}`;
  const chosen: PacketOptions = { ...options, locale: toLocale(packet.locale) };
  // Each choice a link to the packet so written: it works before the page's scripts load, and its URL can be shared.
  const choice = (label: string, changed: Partial<PacketOptions>, current: boolean, lang?: string) => (
    <Link
      key={label}
      href={`${base}/packet${packetQuery({ ...chosen, ...changed })}`}
      lang={lang}
      aria-current={current ? "true" : undefined}
      replace
      className="rounded px-2 py-1 hover:bg-stone-200 aria-[current=true]:bg-stone-800 aria-[current=true]:text-white"
    >
      {label}
    </Link>
  );
  return (
    <>
      {/* Printing shows the packet alone, without the console around it. */}
      <style>{`${packetStyles}
@media print { header, aside, .no-print { display: none !important; } main { padding: 0 !important; } }`}</style>
      <div className="no-print mb-4 flex flex-wrap items-center gap-3 text-sm">
        <Link href={base} className="text-stone-600 underline">
          ← #{disputeId}
        </Link>
        <PrintButton label={t("packetPage.print")} />
        <a href={`${base}/packet/download${packetQuery(chosen)}`} download className="rounded-md border border-stone-300 bg-white px-3 py-1.5 hover:bg-stone-100">
          {t("packetPage.saveHtml")}
        </a>
      </div>
      <div className="no-print mb-4 flex flex-wrap items-center gap-x-6 gap-y-2 text-sm" data-testid="packet-options">
        <div role="group" aria-label={t("packetPage.language")} className="flex items-center gap-1">
          <span className="mr-1 text-stone-600">{t("packetPage.language")}</span>
          {locales.map((locale) => choice(localeNames[locale], { locale }, locale === packet.locale, locale))}
        </div>
        <div role="group" aria-label={t("packetPage.comments")} className="flex items-center gap-1">
          <span className="mr-1 text-stone-600">{t("packetPage.comments")}</span>
          {choice(t("packetPage.commentsIncluded"), { comments: true }, options.comments)}
          {choice(t("packetPage.commentsOmitted"), { comments: false }, !options.comments)}
        </div>
        <p className="w-full text-xs text-stone-500">{t("packetPage.commentsHint")}</p>
      </div>
      {/* The packet's HTML reaches the browser twice: in the page and, escaped, in the React Server
          Components payload inlined after it for hydration, which carries every server component's
          output, this div's __html too (3,000 events: 285 KB of HTML, 453 KB of payload). Being a
          server component does not avoid that; only a packet outside React's tree would (an iframe
          of the download route, or fetched after load), which changes printing and the page's DOM. */}
      <div className="rounded-lg border border-stone-200 bg-white p-6 print:rounded-none print:border-0 print:p-0" data-testid="case-packet" dangerouslySetInnerHTML={{ __html: casePacketBody(packet) }} />
    </>
  );
}
