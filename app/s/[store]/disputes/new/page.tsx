import { getTranslations } from "@/lib/i18n/server";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { requireStore } from "@/lib/auth/session";
import { disputeTypes, type DisputeType } from "@/lib/disputes/constants";
import { readEnv } from "@/lib/env";
import { saveDisputeAction } from "../actions";
import { DisputeForm } from "../_components/dispute-form";
import { byteLimit } from "@/lib/bytes";

export async function generateMetadata() {
  return { title: (await getTranslations("disputes"))("form.title") };
}

// ?customer=<external id>&type=<type> prefill the form (the customer page links here).
export default async function NewDisputePage({
  params,
  searchParams,
}: {
  params: Promise<{ store: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireStore((await params).store);
  const query = await searchParams;
  const t = await getTranslations("disputes");
  const type = typeof query.type === "string" && (disputeTypes as readonly string[]).includes(query.type) ? (query.type as DisputeType) : undefined;
  return (
    <>
      <BackLink href={`/s/${ctx.store.slug}/disputes`}>{t("page.back")}</BackLink>
      <div className="mt-3">
        <PageHeader title={t("form.title")} intro={t("intro")} />
      </div>
      <DisputeForm
        action={saveDisputeAction.bind(null, ctx.store.slug)}
        base={`/s/${ctx.store.slug}/disputes`}
        currency={ctx.store.currency}
        maxEvidence={byteLimit(readEnv().LAOKE_EVIDENCE_MAX_BYTES)}
        values={{ type, customerExternalId: typeof query.customer === "string" ? query.customer : undefined }}
      />
    </>
  );
}
