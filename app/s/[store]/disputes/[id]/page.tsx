import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "@/lib/i18n/server";
import { storeTimes } from "@/lib/i18n/store-time-text";
import { BackLink } from "@/components/ui/back-link";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { deadlineEvents, disputeHistoryPage, latestComments, storeMembers } from "@/lib/disputes/queries";
import { AppError } from "@/lib/errors";
import { firstValues } from "@/lib/validation/customers";
import { routingReasonText, type DisputesTranslator } from "@/lib/disputes/routing-words";
import { partiesDirectory } from "@/lib/disputes/settings";
import { isClosed } from "@/lib/disputes/workflow";
import { readEnv } from "@/lib/env";
import { formatMoney } from "@/lib/money";
import {
  assignAction,
  commentAction,
  escalateAction,
  resolveAction,
  routeAction,
  setDeadlineAction,
  startReviewAction,
  submitAction,
  withdrawAction,
} from "../actions";
import { AssignForm, CommentForm, DeadlineForm, ResolveForm, StepButton, WithdrawForm } from "../_components/dispute-actions";
import { EvidenceUploader } from "../_components/evidence-uploader";
import { eventText } from "../_components/event-text";
import { byteLimit } from "@/lib/bytes";
import { toStoreInputValue, repeatedOccurrence } from "@/lib/store-time";
import { deadlineBasis, fileKindLabel } from "../_components/format";
import { StatusBadge } from "../_components/status-badge";
import { loadDispute } from "../load-dispute";

export async function generateMetadata({ params }: { params: Promise<{ store: string; id: string }> }) {
  const { store, id } = await params;
  const { dispute } = await loadDispute(store, id);
  return { title: `#${dispute.id} ${dispute.title}` };
}

type Query = Record<string, string | string[] | undefined>;

/**
 * A page of the history: the latest events, or those before (`before`) or after (`after`) a
 * position the pager gave out; a position that is no longer one falls back to the latest.
 */
async function historyPage(ctx: Parameters<typeof disputeHistoryPage>[0], disputeId: number, query: Query) {
  const { before, after } = firstValues(query);
  try {
    return { history: await disputeHistoryPage(ctx, disputeId, { before, after }), paged: Boolean(before || after), badCursor: false };
  } catch (error) {
    if (!(error instanceof AppError && error.code === "invalid_request")) throw error;
    return { history: await disputeHistoryPage(ctx, disputeId), paged: false, badCursor: true };
  }
}

export default async function DisputePage({ params, searchParams }: { params: Promise<{ store: string; id: string }>; searchParams: Promise<Query> }) {
  const [{ store, id }, query] = await Promise.all([params, searchParams]);
  const { ctx, dispute: d } = await loadDispute(store, id);
  // The page holds a page of the history, not the whole of it (3,000 events took seconds to
  // write out); what depends on the whole (the counts, the deadline's reason) is read apart.
  const [tAll, tShell, tApp, format, locale, members, directory, root, { history, paged, badCursor }, comments, deadlineSteps] = await Promise.all([
    getTranslations("disputes"),
    getTranslations("shell"),
    getTranslations("app"),
    getFormatter(),
    getLocale(),
    storeMembers(ctx),
    partiesDirectory(ctx),
    getTranslations(),
    historyPage(ctx, d.id, query),
    latestComments(ctx, d.id),
    deadlineEvents(ctx, d.id),
  ]);
  const t = tAll as unknown as DisputesTranslator;
  const noted = (text: string, note: string) => tShell("parenthetical", { text, note });
  const slug = ctx.store.slug;
  const base = `/s/${slug}/disputes/${d.id}`;
  const tz = ctx.store.timezone;
  const storeTime = storeTimes(root, format, tz);
  const when = (value: unknown) => (value ? storeTime(new Date(String(value))) : t("none"));
  const names = new Map(members.map((m) => [m.id, m.name || m.email]));
  const nameOf = (userId: unknown) => (typeof userId === "number" ? (names.get(userId) ?? `#${userId}`) : t("events.someone"));
  const money = (minor: number) => formatMoney(minor, ctx.store.currency, locale);
  const order = [d.routing.primary, ...d.routing.chain];
  const nextParty = d.partyIndex === null ? null : (order[d.partyIndex + 1] ?? null);
  const currentContact = d.currentParty ? directory.find((p) => p.party === d.currentParty) : undefined;
  // Resolved or withdrawn: the last party and the deadline it had are history, not something awaited.
  const closed = isClosed(d.status);
  const basis = deadlineBasis({ ...d, events: deadlineSteps }, t, tz);
  const can = (action: string) => d.actions.includes(action as never);
  const maxEvidence = byteLimit(readEnv().LAOKE_EVIDENCE_MAX_BYTES);
  const facts: [string, React.ReactNode][] = [
    [t("page.type"), t(`type.${d.type}.label`)],
    [t("page.amount"), money(d.amountAtStake)],
    ...(d.customerExternalId
      ? [[t("page.customer"), <Link key="c" href={`/s/${slug}/customers/${d.customerId}`} className="underline">{noted(d.customerName || d.customerExternalId, d.customerExternalId)}</Link>] as [string, React.ReactNode]]
      : []),
    ...(d.orderExternalId ? [[t("page.order"), d.orderExternalId] as [string, React.ReactNode]] : []),
    ...(d.productExternalId ? [[t("page.product"), noted(d.productName ?? "", d.productExternalId)] as [string, React.ReactNode]] : []),
    ...(d.returnExternalId ? [[t("page.return"), d.returnExternalId] as [string, React.ReactNode]] : []),
    ...(d.counterpartyName
      ? [[t("page.counterparty"), noted(d.counterpartyName, t(`counterpartyKind.${d.counterpartyKind ?? "other"}`))] as [string, React.ReactNode]]
      : []),
    ...(d.infringedRight ? [[t("page.infringedRight"), d.infringedRight] as [string, React.ReactNode]] : []),
    ...(d.infringingListing ? [[t("page.infringingListing"), d.infringingListing] as [string, React.ReactNode]] : []),
    [t("page.filedBy"), t("page.byWhen", { by: d.creatorName ?? t("events.someone"), when: when(d.createdAt) })],
    ...(d.submittedAt ? [[t("page.submittedAt"), when(d.submittedAt)] as [string, React.ReactNode]] : []),
    [t("page.assignee"), d.assigneeName ?? t("page.nobody")],
    ...(d.outcome ? [[t("page.outcome"), tShell("labelled", { label: t(`outcome.${d.outcome}`), text: d.resolutionSummary ?? "" })] as [string, React.ReactNode]] : []),
  ];

  return (
    <>
      <BackLink href={`/s/${slug}/disputes`}>{t("page.back")}</BackLink>
      <div className="mt-3 mb-6 flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 text-2xl font-semibold wrap-anywhere">
          #{d.id} {d.title}
        </h1>
        <StatusBadge status={d.status} label={t(`status.${d.status}`)} />
        {d.overdue && <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800" data-testid="overdue">{t("page.overdue")}</span>}
        {d.repeatComplainant && (
          <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900" data-testid="repeat-complainant">
            {t("page.repeatComplainant")}
          </span>
        )}
        <span className="ml-auto flex gap-3 text-sm">
          {can("edit") && (
            <Link href={`${base}/edit`} className="text-brand-600 underline">
              {t("page.editDraft")}
            </Link>
          )}
          <Link href={`${base}/packet`} className="text-brand-600 underline">
            {t("page.packet")}
          </Link>
        </span>
      </div>

      {/* min-w-0: a grid item is as wide as its content by default, and a table in it widened
          the page past a phone's 375 px; it scrolls in its own box instead. */}
      <div className="grid gap-6 xl:grid-cols-2 [&>*]:min-w-0">
        <section className="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="facts">
          <h2 id="facts" className="font-semibold">{t("page.facts")}</h2>
          <dl className="mt-3 grid gap-y-1 text-sm">
            {facts.map(([label, value]) => (
              <div key={label} className="flex justify-between gap-4 border-b border-stone-100 py-1">
                <dt className="text-stone-500">{label}</dt>
                {/* A listing's URL has no spaces to break at: it wraps anywhere rather than widen the page. */}
                <dd className="min-w-0 text-right [overflow-wrap:anywhere]">{value}</dd>
              </div>
            ))}
          </dl>
          {d.description && <p className="mt-3 whitespace-pre-wrap text-sm text-stone-800 wrap-anywhere">{d.description}</p>}
        </section>

        <section className="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="routing" data-testid="routing">
          <h2 id="routing" className="font-semibold">{t("page.routing")}</h2>
          {d.routingIsPreview && <p className="mt-1 text-sm text-stone-500">{t("page.routingPreview")}</p>}
          <ol className="mt-3 flex flex-wrap items-center gap-2 text-sm" aria-label={t("page.chain")}>
            {order.map((party, i) => (
              <li
                key={party}
                className="flex items-center gap-2"
                data-party={party}
                data-current={(!closed && party === d.currentParty) || undefined}
                data-last={(closed && party === d.currentParty) || undefined}
              >
                {i > 0 && <span aria-hidden>→</span>}
                <span
                  className={`rounded-md px-2 py-1 ${party !== d.currentParty ? "bg-stone-100" : closed ? "bg-stone-300 font-semibold" : "bg-brand-600 font-semibold text-white"}`}
                >
                  {t(`partyTitle.${party}`)}
                </span>
              </li>
            ))}
          </ol>
          <h3 className="mt-4 text-sm font-semibold">{t("page.reasons")}</h3>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm" data-testid="routing-reasons">
            {d.routing.reasons.map((reason, i) => (
              <li key={i}>{routingReasonText(reason as never, t, locale, ctx.store.currency)}</li>
            ))}
          </ul>
          <dl className="mt-4 grid gap-y-1 text-sm">
            <div className="flex justify-between gap-4 border-b border-stone-100 py-1">
              <dt className="text-stone-500">{closed ? t("page.lastWith") : t("page.current")}</dt>
              <dd data-testid="current-party">
                {d.currentParty && closed
                  ? t(`partyTitle.${d.currentParty}`)
                  : d.currentParty
                  ? t("page.currentWith", {
                      party: t(`partyTitle.${d.currentParty}`),
                      details: currentContact?.name ? (currentContact.contact ? "both" : "name") : currentContact?.contact ? "contact" : "none",
                      name: currentContact?.name ?? "",
                      contact: currentContact?.contact ?? "",
                    })
                  : t("none")}
              </dd>
            </div>
            <div className="flex justify-between gap-4 border-b border-stone-100 py-1">
              <dt className="text-stone-500">{t("page.deadline")}</dt>
              <dd data-testid="deadline" className={d.overdue ? "font-semibold text-red-700" : ""}>
                {closed ? t("page.noDeadlineClosed") : d.deadlineAt ? when(d.deadlineAt) : t("page.noDeadline")}
              </dd>
            </div>
          </dl>
          {basis && (
            <p className="mt-1 text-xs text-stone-500" data-testid="deadline-rule">
              {basis}
            </p>
          )}
        </section>

        <section className="rounded-lg border border-stone-200 bg-white p-4 xl:col-span-2" aria-labelledby="actions" data-testid="actions">
          <h2 id="actions" className="font-semibold">{t("page.actions")}</h2>
          {d.actions.length <= 1 ? (
            <p className="mt-2 text-sm text-stone-500">{t("page.noActions")}</p>
          ) : (
            <div className="mt-3 flex flex-col gap-4">
              <div className="flex flex-wrap items-end gap-3">
                {can("submit") && <StepButton action={submitAction.bind(null, slug)} disputeId={d.id} label={t("act.submit")} />}
                {can("startReview") && <StepButton action={startReviewAction.bind(null, slug)} disputeId={d.id} label={t("act.startReview")} />}
                {can("route") && (
                  <StepButton action={routeAction.bind(null, slug)} disputeId={d.id} label={t("act.route", { party: t(`party.${d.currentParty ?? d.routing.primary}`) })} />
                )}
                {can("escalate") &&
                  (nextParty ? (
                    <StepButton
                      action={escalateAction.bind(null, slug)}
                      disputeId={d.id}
                      to={nextParty}
                      label={t("act.escalate", { party: t(`party.${nextParty}`) })}
                      // It leaves the current party for good: no step takes a dispute back down.
                      confirm={t("act.escalateConfirm", { party: t(`party.${nextParty}`), from: t(`party.${d.currentParty ?? d.routing.primary}`) })}
                    />
                  ) : (
                    <p className="text-sm text-stone-500">{t("act.escalateNone")}</p>
                  ))}
              </div>
              {can("assign") && (
                <AssignForm
                  action={assignAction.bind(null, slug)}
                  disputeId={d.id}
                  current={d.assigneeUserId}
                  members={members.map((m) => ({ id: m.id, label: noted(m.name || m.email, m.email) }))}
                />
              )}
              {can("setDeadline") && (
                <DeadlineForm
                  action={setDeadlineAction.bind(null, slug)}
                  disputeId={d.id}
                  current={d.deadlineAt ? toStoreInputValue(d.deadlineAt, tz) : ""}
                  currentOccurrence={d.deadlineAt ? repeatedOccurrence(d.deadlineAt, tz)?.occurrence : undefined}
                  zone={tz}
                />
              )}
              {can("resolve") && <ResolveForm action={resolveAction.bind(null, slug)} disputeId={d.id} />}
              {can("withdraw") && <WithdrawForm action={withdrawAction.bind(null, slug)} disputeId={d.id} />}
            </div>
          )}
        </section>

        <section className="rounded-lg border border-stone-200 bg-white p-4 xl:col-span-2" aria-labelledby="evidence">
          <h2 id="evidence" className="font-semibold">{t("page.evidence")}</h2>
          {d.evidence.length === 0 ? (
            // A closed dispute takes no more evidence: its empty state does not invite any.
            <p className="mt-2 text-sm text-stone-500" data-testid="no-evidence">
              {can("addEvidence") ? t("page.noEvidence") : t("page.noEvidenceClosed")}
            </p>
          ) : (
            <ScrollRegion className="mt-2" title={t("page.evidence")}>
              <table className="w-full text-left text-sm" data-testid="evidence">
                {/* At 390 px the columns shrank until Chinese broke a character a line ("纯/文/本", "大小（字/节）"):
                    headers, types and sizes keep to a line, the name and hash get room, and the table scrolls in its box. */}
                <thead className="whitespace-nowrap text-stone-500">
                  <tr>
                    {/* pr-4: without it the size's header and figures ran into the SHA-256 column ("大小SHA-256", "1263a66…"). */}
                    <th scope="col" className="py-1 pr-4 font-medium">{t("page.fileName")}</th>
                    <th scope="col" className="py-1 pr-4 font-medium">{t("page.fileType")}</th>
                    <th scope="col" className="py-1 pr-4 text-right font-medium">{t("page.size")}</th>
                    <th scope="col" className="py-1 pr-4 font-medium">{t("page.sha256")}</th>
                    <th scope="col" className="py-1 font-medium">{t("page.uploaded")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {d.evidence.map((e) => (
                    <tr key={e.id} data-testid="evidence-row">
                      <td className="min-w-32 py-1 pr-4 wrap-anywhere">
                        <a href={`${base}/evidence/${e.id}`} className="text-brand-600 underline" download>
                          {e.fileName}
                        </a>
                      </td>
                      <td className="py-1 pr-4 whitespace-nowrap">{fileKindLabel(e.mediaType, t)}</td>
                      <td className="py-1 pr-4 text-right whitespace-nowrap tabular-nums" data-testid="evidence-size">{format.number(e.sizeBytes)}</td>
                      <td className="min-w-40 py-1 pr-4 font-mono text-xs break-all" data-testid="sha256">{e.sha256}</td>
                      <td className="min-w-40 py-1" data-testid="evidence-uploaded">{t("page.uploadedBy", { when: when(e.uploadedAt), by: nameOf(e.uploadedByUserId) })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
          {can("addEvidence") && <EvidenceUploader disputeBase={base} maxEvidence={maxEvidence} />}
        </section>

        <section className="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="comments">
          <h2 id="comments" className="font-semibold">{t("page.comments")}</h2>
          {comments.length === 0 ? (
            <p className="mt-2 text-sm text-stone-500">{t("page.noComments")}</p>
          ) : (
            <ul className="mt-2 space-y-2 text-sm [overflow-wrap:anywhere]">
              {comments.map((c) => (
                <li key={c.id} className="rounded-md bg-stone-50 p-2">
                  <p className="whitespace-pre-wrap">{String((c.data as { body?: string }).body ?? "")}</p>
                  <p className="text-xs text-stone-500">{t("page.byWhen", { by: c.actorName ?? t("events.someone"), when: when(c.at) })}</p>
                </li>
              ))}
            </ul>
          )}
          {history.comments > comments.length && (
            <p className="mt-2 text-xs text-stone-500" data-testid="comments-count">
              {t("page.commentsShowing", { shown: comments.length, total: history.comments })}
            </p>
          )}
          <CommentForm action={commentAction.bind(null, slug)} disputeId={d.id} />
        </section>

        <section className="rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="history">
          <h2 id="history" className="scroll-mt-4 font-semibold">{t("page.history")}</h2>
          {badCursor && (
            <p role="status" className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
              {t("page.historyBadCursor")}
            </p>
          )}
          {/* Only where there are pages: a history on one page needs no pager. The links land on the
              history (#history), not the page's top. */}
          {(history.total > history.events.length || paged) && (
            <nav aria-label={t("page.historyPages")} className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm" data-testid="history-pager">
              {/* Which events these are, counted from the first in the order they happened, not only how many. */}
              {history.events.length > 0 && (
                <span className="text-stone-500" data-testid="history-count">
                  {t("page.historyShowing", { first: history.firstNumber, last: history.firstNumber + history.events.length - 1, total: history.total })}
                </span>
              )}
              {history.earlierCursor && (
                <Link href={`${base}?${new URLSearchParams({ before: history.earlierCursor })}#history`} className="text-brand-600 underline" rel="prev">
                  {t("page.historyEarlier")}
                </Link>
              )}
              {history.laterCursor && (
                <Link href={`${base}?${new URLSearchParams({ after: history.laterCursor })}#history`} className="text-brand-600 underline" rel="next">
                  {t("page.historyLater")}
                </Link>
              )}
              {paged && (
                <Link href={`${base}#history`} className="text-brand-600 underline">
                  {t("page.historyLatest")}
                </Link>
              )}
            </nav>
          )}
          {history.events.length === 0 && <p className="mt-2 text-sm text-stone-500">{t("page.historyNone")}</p>}
          {/* An evidence entry quotes its SHA-256, 64 characters with nowhere to break: it wraps anywhere. */}
          <ol className="mt-2 space-y-2 text-sm [overflow-wrap:anywhere]" data-testid="history">
            {history.events.map((e) => (
              <li key={e.id} data-kind={e.kind} className="border-l-2 border-stone-200 pl-3">
                <p>{eventText(e, t, when, nameOf)}</p>
                <p className="text-xs text-stone-500" data-testid="history-by">
                  {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus
                    ? t("page.whenByMoved", { when: when(e.at), by: e.actorName ?? t("events.someone"), from: t(`status.${e.fromStatus}`), to: t(`status.${e.toStatus}`) })
                    : t("page.whenBy", { when: when(e.at), by: e.actorName ?? t("events.someone") })}
                </p>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </>
  );
}
