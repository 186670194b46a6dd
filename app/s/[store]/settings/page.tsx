import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "@/lib/i18n/server";
import { sentenceGap } from "@/lib/i18n/locales";
import { storeTimes } from "@/lib/i18n/store-time-text";
import { ActionForm } from "@/components/action-form";
import { Field, inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { EmailAddress } from "@/components/ui/email-address";
import { phoneFold } from "@/components/ui/phone-fold";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { listApiTokens } from "@/lib/api-tokens/tokens";
import { openDisputesByAssignee } from "@/lib/disputes/queries";
import { staffCustomers } from "@/lib/reps/queries";
import { requireStore } from "@/lib/auth/session";
import { currentScoringRules } from "@/lib/customers/rules";
import { storeSettingsOf } from "@/lib/stores/queries";
import { listMembers } from "@/lib/users/commands";
import { seenValue } from "@/lib/validation/seen";
import {
  addStaffAction,
  createTokenAction,
  removeStaffAction,
  revokeTokenAction,
  saveScoringRulesAction,
  updateStoreAction,
} from "./actions";
import { ScoringRulesForm } from "./_components/scoring-rules-form";
import { AddStaffForm } from "./_components/add-staff-form";
import { RemoveStaffForm, StaffRemovalNotice } from "./_components/remove-staff-form";
import { CreateTokenForm } from "./_components/create-token-form";

export async function generateMetadata() {
  return { title: (await getTranslations("settings"))("title") };
}

const sectionClass = "mb-8 rounded-lg border border-stone-200 bg-white p-6";
const smallButton = "rounded-md border border-stone-300 px-3 py-1 text-sm hover:bg-stone-100 aria-disabled:opacity-60";

export default async function SettingsPage({ params }: { params: Promise<{ store: string }> }) {
  const ctx = await requireStore((await params).store, "owner");
  const slug = ctx.store.slug;
  const [settings, members, reps, openDisputes, tokens, t, tRoles, format, rules, tAll, locale] = await Promise.all([
    storeSettingsOf(ctx),
    listMembers(ctx),
    staffCustomers(ctx),
    openDisputesByAssignee(ctx),
    listApiTokens(ctx),
    getTranslations("settings"),
    getTranslations("roles"),
    getFormatter(),
    currentScoringRules(ctx.store.id),
    getTranslations(),
    getLocale(),
  ]);
  // In the store's time zone, as every time of the store is shown, not the app's default one.
  const storeTime = storeTimes(tAll, format, ctx.store.timezone);
  const when = (date: Date | null) => (date ? storeTime(date) : t("tokens.never"));
  // Removing a staff member takes their customers' rep away with them and puts their open disputes
  // back to unassigned: the question says how many of each.
  const repCustomers = new Map(reps.map((r) => [r.userId, r.customers]));
  const removeConfirm = (userId: number, email: string) => {
    const customers = repCustomers.get(userId) ?? 0;
    const disputes = openDisputes.get(userId) ?? 0;
    if (customers > 0 && disputes > 0) return t("staff.removeConfirmRepsDisputes", { email, customers, disputes });
    if (customers > 0) return t("staff.removeConfirmReps", { email, count: customers });
    if (disputes > 0) return t("staff.removeConfirmDisputes", { email, count: disputes });
    return t("staff.removeConfirm", { email });
  };
  return (
    <>
      <PageHeader title={t("title")} />

      <section className={sectionClass} aria-labelledby="store-settings">
        <h2 id="store-settings" className="text-lg font-semibold">
          {t("store.title")}
        </h2>
        <ActionForm
          action={updateStoreAction.bind(null, slug)}
          submitLabel={t("store.save")}
          successMessage={t("store.saved")}
          fieldLabels={{ name: t("store.name"), currency: t("store.currency"), timezone: t("store.timezone") }}
          className="mt-4 flex flex-wrap items-end gap-3"
        >
          {/* What the form shows, read with when it was saved: a save over a later one is refused. */}
          <input type="hidden" name="seen" value={seenValue(settings.updatedAt)} />
          <Field label={t("store.name")}>
            <input name="name" defaultValue={settings.name} required className={inputClass} />
          </Field>
          <Field label={t("store.currency")}>
            <input name="currency" defaultValue={settings.currency} required className={`${inputClass} w-24 uppercase`} />
          </Field>
          <Field label={t("store.timezone")}>
            <input name="timezone" defaultValue={settings.timezone} required list="time-zones" className={inputClass} />
          </Field>
          <datalist id="time-zones">
            {Intl.supportedValuesOf("timeZone").map((tz) => (
              <option key={tz} value={tz} />
            ))}
          </datalist>
        </ActionForm>
      </section>

      <section className={sectionClass} aria-labelledby="scoring-rules">
        <h2 id="scoring-rules" className="text-lg font-semibold">
          {tAll("rules.title")}
        </h2>
        <p className="mt-1 text-sm text-stone-600">{tAll("rules.intro", { version: rules.version })}</p>
        {/* Points are a reward, set beside memberships; an owner looking for them among the rules finds the way. */}
        <p className="mt-1 text-sm text-stone-600">
          {tAll("rules.pointsElsewhere")}
          {sentenceGap(locale)}
          <Link href={`/s/${slug}/members#points-rules`} className="text-brand-600 underline">
            {tAll("rules.pointsLink")}
          </Link>
        </p>
        <ScoringRulesForm action={saveScoringRulesAction.bind(null, slug)} rules={rules.rules} version={rules.version} />
      </section>

      <section className={sectionClass} aria-labelledby="staff">
        <h2 id="staff" className="text-lg font-semibold">
          {t("staff.title")}
        </h2>
        <p className="mt-1 text-sm text-stone-600">{t("staff.intro")}</p>
        {/* Its headers and roles keep to a line: squeezed to 375 px they stood a Chinese character a line. On a phone
            the name stands under the address, its own column left out: four columns cut the role and put the Remove
            button past the box's edge, behind a sideways scroll. Wider than its box still, the table would scroll
            there (relative: its sr-only texts stay inside), not the page. */}
        <StaffRemovalNotice>
        <ScrollRegion className="relative mt-4" title={t("staff.title")}>
        <table className="w-full text-left text-sm">
          <thead className="whitespace-nowrap text-stone-500">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">{t("staff.email")}</th>
              <th scope="col" className={`py-2 pr-3 font-medium ${phoneFold.column}`}>{t("staff.name")}</th>
              <th scope="col" className="py-2 pr-3 font-medium">{t("staff.role")}</th>
              <th scope="col" className="py-2">
                <span className="sr-only">{t("staff.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {members.map((m) => (
              <tr key={m.userId}>
                <td className="py-2 pr-3 sm:min-w-40">
                  <EmailAddress email={m.email} /> {m.userId === ctx.userId && <span className="text-stone-500">{t("staff.you")}</span>}
                  <span className={`block text-stone-600 ${phoneFold.under}`} data-testid="staff-name">{m.name}</span>
                </td>
                <td className={`min-w-24 py-2 pr-3 wrap-anywhere ${phoneFold.column}`}>{m.name}</td>
                <td className="py-2 pr-3 whitespace-nowrap">{m.role === "owner" ? "👑 " : ""}{tRoles(m.role)}</td>
                <td className="py-2 text-right whitespace-nowrap">
                  {m.role === "staff" && (
                    <RemoveStaffForm
                      action={removeStaffAction.bind(null, slug)}
                      email={m.email}
                      submitLabel={t("staff.remove")}
                      buttonAriaLabel={t("staff.removeNamed", { email: m.email })}
                      confirm={removeConfirm(m.userId, m.email)}
                      buttonClassName={smallButton}
                    >
                      <input type="hidden" name="userId" value={m.userId} />
                    </RemoveStaffForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </ScrollRegion>
        </StaffRemovalNotice>
        <AddStaffForm action={addStaffAction.bind(null, slug)} />
      </section>

      <section className={sectionClass} aria-labelledby="tokens">
        <h2 id="tokens" className="text-lg font-semibold">
          {t("tokens.title")}
        </h2>
        <p className="mt-1 text-sm text-stone-600">{t("tokens.intro")}</p>
        {tokens.length === 0 ? (
          <p className="mt-4 text-sm text-stone-500">{t("tokens.none")}</p>
        ) : (
          <ScrollRegion className="relative mt-4" title={t("tokens.title")}>
          <table className="w-full text-left text-sm">
            <thead className="whitespace-nowrap text-stone-500">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">{t("tokens.name")}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{t("tokens.prefix")}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{t("tokens.created")}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{t("tokens.createdBy")}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{t("tokens.lastUsed")}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{t("tokens.status")}</th>
                <th scope="col" className="py-2">
                  <span className="sr-only">{t("tokens.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {tokens.map((token) => (
                <tr key={token.id}>
                  <td className="min-w-32 py-2 pr-3 wrap-anywhere">{token.name}</td>
                  <td className="py-2 pr-3 font-mono whitespace-nowrap">{token.prefix}…</td>
                  <td className="py-2 pr-3 whitespace-nowrap">{when(token.createdAt)}</td>
                  <td className="py-2 pr-3" data-testid="token-creator">
                    {token.createdBy ? <span title={token.createdBy.email}>{token.createdBy.name}</span> : t("tokens.commandLine")}
                    {token.createdBy && token.createdBy.role !== "owner" && !token.revokedAt && (
                      <span className="block text-xs text-amber-800">{t("tokens.notOwner")}</span>
                    )}
                  </td>
                  <td className="py-2 pr-3 whitespace-nowrap">{when(token.lastUsedAt)}</td>
                  <td className="py-2 pr-3 whitespace-nowrap">{token.revokedAt ? t("tokens.revoked") : t("tokens.active")}</td>
                  <td className="py-2 text-right whitespace-nowrap">
                    {!token.revokedAt && (
                      <ActionForm
                        action={revokeTokenAction.bind(null, slug)}
                        submitLabel={t("tokens.revoke")}
                        buttonAriaLabel={t("tokens.revokeNamed", { name: token.name })}
                        successMessage={t("tokens.revokedNamed", { name: token.name })}
                        confirm={t("tokens.revokeConfirm", { name: token.name })}
                        buttonClassName={smallButton}
                      >
                        <input type="hidden" name="tokenId" value={token.id} />
                      </ActionForm>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </ScrollRegion>
        )}
        <CreateTokenForm action={createTokenAction.bind(null, slug)} />
      </section>
    </>
  );
}
