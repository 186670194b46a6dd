import Link from "next/link";
import { notFound } from "next/navigation";
import { requireStore } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { parsePathId } from "@/lib/path-id";
import { loadPacket } from "./load-packet";
import { casePacketBody, packetStyles } from "./packet-html";
import { PrintButton } from "../../_components/print-button";
import { loadDispute } from "../../load-dispute";
import { getTranslations } from "@/lib/i18n/server";

// Named in the reader's language and by the dispute, as the packet's heading is (it was "#12").
export async function generateMetadata({ params }: { params: Promise<{ store: string; id: string }> }) {
  const { store, id } = await params;
  const [{ dispute }, t] = await Promise.all([loadDispute(store, id), getTranslations("disputes")]);
  return { title: `${t("packetPage.title")} · #${dispute.id} ${dispute.title}` };
}

export default async function PacketPage({ params }: { params: Promise<{ store: string; id: string }> }) {
  const { store, id } = await params;
  const ctx = await requireStore(store);
  const disputeId = parsePathId(id) ?? notFound();
  let packet;
  try {
    packet = await loadPacket(ctx, disputeId);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const { t } = packet;
  const base = `/s/${ctx.store.slug}/disputes/${disputeId}`;
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
        <a href={`${base}/packet/download`} download className="rounded-md border border-stone-300 bg-white px-3 py-1.5 hover:bg-stone-100">
          {t("packetPage.saveHtml")}
        </a>
      </div>
      <div className="rounded-lg border border-stone-200 bg-white p-6 print:rounded-none print:border-0 print:p-0" data-testid="case-packet" dangerouslySetInnerHTML={{ __html: casePacketBody(packet) }} />
    </>
  );
}
