import { redirect } from "next/navigation";
import { getTranslations } from "@/lib/i18n/server";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { readEnv } from "@/lib/env";
import { toMajorUnits } from "@/lib/money";
import { lastFactsEventId } from "@/lib/disputes/commands";
import { saveDisputeAction } from "../../actions";
import { DisputeForm } from "../../_components/dispute-form";
import { byteLimit } from "@/lib/bytes";
import { loadDispute } from "../../load-dispute";

// Its own title (the page said only the app's name): the tab, the history and a screen reader
// arriving on it name the draft.
export async function generateMetadata({ params }: { params: Promise<{ store: string; id: string }> }) {
  const { store, id } = await params;
  const [{ dispute }, t] = await Promise.all([loadDispute(store, id), getTranslations("disputes")]);
  return { title: `${t("form.editTitle", { id: dispute.id })} ${dispute.title}` };
}

export default async function EditDraftPage({ params }: { params: Promise<{ store: string; id: string }> }) {
  const { store, id } = await params;
  const { ctx, dispute: d } = await loadDispute(store, id);
  const base = `/s/${ctx.store.slug}/disputes`;
  // Only drafts change; a submitted dispute's facts are part of its record.
  if (d.status !== "draft") redirect(`${base}/${d.id}`);
  const [t, seen] = await Promise.all([getTranslations("disputes"), lastFactsEventId(ctx, d.id)]);
  return (
    <>
      <BackLink href={`${base}/${d.id}`}>{t("page.backToDispute", { id: d.id })}</BackLink>
      <div className="mt-3">
        <PageHeader title={t("form.editTitle", { id: d.id })} />
      </div>
      <DisputeForm
        action={saveDisputeAction.bind(null, ctx.store.slug)}
        base={base}
        currency={ctx.store.currency}
        maxEvidence={byteLimit(readEnv().LAOKE_EVIDENCE_MAX_BYTES)}
        values={{
          disputeId: d.id,
          type: d.type,
          title: d.title,
          description: d.description,
          amountAtStake: String(toMajorUnits(d.amountAtStake, ctx.store.currency)),
          orderExternalId: d.orderExternalId ?? undefined,
          customerExternalId: d.customerExternalId ?? undefined,
          productExternalId: d.productExternalId ?? undefined,
          returnExternalId: d.returnExternalId ?? undefined,
          counterpartyName: d.counterpartyName ?? undefined,
          counterpartyKind: d.counterpartyKind ?? undefined,
          infringedRight: d.infringedRight ?? undefined,
          infringingListing: d.infringingListing ?? undefined,
          seen,
        }}
      />
    </>
  );
}
