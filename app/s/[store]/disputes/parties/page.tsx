import { getFormatter, getLocale, getTranslations } from "@/lib/i18n/server";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { requireStore } from "@/lib/auth/session";
import { REPEAT_COMPLAINANT_MIN, REPEAT_COMPLAINANT_PARTY, THRESHOLD_PARTY, typesRoutedTo } from "@/lib/disputes/routing";
import { disputeSettingsFor, partiesDirectory } from "@/lib/disputes/settings";
import type { DisputeParty } from "@/db/schema/disputes";
import { formatMoney, toMajorUnits } from "@/lib/money";
import { savePartyAction, saveThresholdAction } from "../actions";
import { PartyForm, ThresholdForm } from "../_components/party-forms";

export async function generateMetadata() {
  return { title: (await getTranslations("disputes"))("parties.title") };
}

// Staff read the directory (they send the case packets); owners change it and the threshold.
export default async function PartiesPage({ params }: { params: Promise<{ store: string }> }) {
  const ctx = await requireStore((await params).store);
  const [t, locale, directory, settings] = await Promise.all([getTranslations("disputes"), getLocale(), partiesDirectory(ctx), disputeSettingsFor(ctx)]);
  const owner = ctx.role === "owner";
  return (
    <>
      <BackLink href={`/s/${ctx.store.slug}/disputes`}>{t("page.back")}</BackLink>
      <div className="mt-3">
        <PageHeader title={t("parties.title")} intro={t("parties.intro")} />
      </div>
      {!owner && <p className="mb-4 text-sm text-stone-500">{t("parties.ownerOnly")}</p>}
      <section className="mb-6 rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="threshold">
        <h2 id="threshold" className="font-semibold">{t("parties.thresholdTitle")}</h2>
        <p className="mt-1 text-sm text-stone-600">{t("parties.thresholdIntro")}</p>
        {owner ? (
          <div className="mt-3">
            <ThresholdForm action={saveThresholdAction.bind(null, ctx.store.slug)} value={String(toMajorUnits(settings.legalThreshold, ctx.store.currency))} currency={ctx.store.currency} seen={settings.updatedAt} />
          </div>
        ) : (
          <p className="mt-2 font-semibold tabular-nums" data-testid="legal-threshold">{formatMoney(settings.legalThreshold, ctx.store.currency, locale)}</p>
        )}
      </section>
      <section className="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="directory">
        <h2 id="directory" className="font-semibold">{t("parties.title")}</h2>
        <ul className="mt-3 space-y-4">
          {directory.map((p) => (
            <li key={p.party} data-party={p.party} className="border-b border-stone-100 pb-3">
              <h3 className="text-sm font-semibold">{t(`partyTitle.${p.party}`)}</h3>
              <PartyRoutes party={p.party} threshold={formatMoney(settings.legalThreshold, ctx.store.currency, locale)} />
              {owner ? (
                <PartyForm action={savePartyAction.bind(null, ctx.store.slug)} party={p.party} values={p} />
              ) : (
                <PartyDetails party={t(`partyTitle.${p.party}`)} values={p} />
              )}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** What the routing table and its rules send to the party, so the owner knows what its contact is for. */
async function PartyRoutes({ party, threshold }: { party: DisputeParty; threshold: string }) {
  const [t, format] = await Promise.all([getTranslations("disputes"), getFormatter()]);
  const { first, escalated } = typesRoutedTo(party);
  const types = (list: typeof first) => format.list(list.map((type) => t(`type.${type}.label`)));
  const lines = [
    first.length > 0 && t("parties.routesFirst", { types: types(first) }),
    escalated.length > 0 && t("parties.routesEscalated", { types: types(escalated) }),
    party === THRESHOLD_PARTY && t("parties.routesThreshold", { threshold }),
    party === REPEAT_COMPLAINANT_PARTY && t("parties.routesRepeatComplainant", { min: REPEAT_COMPLAINANT_MIN }),
  ].filter((line) => line !== false);
  return (
    <ul className="mb-2 mt-1 space-y-0.5 text-sm text-stone-600" data-testid="party-routes">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

/** Staff read each party's name, contact and notes under the labels the owner's form gives them. */
async function PartyDetails({ party, values }: { party: string; values: { name: string; contact: string; notes: string } }) {
  const t = await getTranslations("disputes");
  const given = (["name", "contact", "notes"] as const).filter((key) => values[key]);
  if (given.length === 0) return <p className="text-sm text-stone-500">{t("parties.notSet")}</p>;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      {given.map((key) => (
        <div key={key} className="contents">
          <dt className="text-stone-500">{t(`parties.${key}Of`, { party })}</dt>
          <dd className="whitespace-pre-line break-words text-stone-800">{values[key]}</dd>
        </div>
      ))}
    </dl>
  );
}
