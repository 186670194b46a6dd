import type { PartyContact } from "@/lib/disputes/settings";
import type { DisputeView } from "@/lib/disputes/queries";
import { routingReasonText, type DisputesTranslator } from "@/lib/disputes/routing-words";
import { formatMoney } from "@/lib/money";
import { isClosed } from "@/lib/disputes/workflow";
import { eventText } from "../../_components/event-text";
import { deadlineBasis, fileKindLabel } from "../../_components/format";

export interface PacketInput {
  dispute: DisputeView;
  /** The party the packet goes to, with the store's contact details for it. */
  recipient: PartyContact;
  storeName: string;
  currency: string;
  /** The store's time zone, named once at the packet's top. */
  timeZone: string;
  locale: string;
  /** A time in the store's zone, as the console's pages write it (storeTimeText). */
  storeTime: (date: Date) => string;
  t: DisputesTranslator;
  /** The shell's messages: a label and its text, a text and its note in brackets (their own text holds no markup). */
  shell: (key: "labelled" | "parenthetical", values: Record<string, string>) => string;
  names: Map<number, string>;
  now: Date;
  /** Whether the history shows the staff's comments (else it says how many it leaves out). */
  comments: boolean;
}

const escape = (value: unknown) =>
  String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const MARK = "\u0000";

/**
 * `t` for a history of thousands of events: the messages each event writes whose values are all
 * plain text (`{body}`, no plural, number or select) are formatted once with markers in their
 * places and then filled by joining, not formatted again for every event (3,000 events' entries
 * and comments were most of the packet's writing). Any other key goes to `t`.
 */
function filledOnce(t: DisputesTranslator, keys: string[]): DisputesTranslator {
  const templates = new Map<string, { names: string[]; parts: string[] }>();
  return (key, values) => {
    if (!values || !keys.includes(key) || Object.values(values).some((v) => typeof v !== "string")) return t(key, values);
    let template = templates.get(key);
    if (!template) {
      const names = Object.keys(values);
      // Formatted with markers: the parts alternate the message's own text and a value's index.
      template = { names, parts: t(key, Object.fromEntries(names.map((name, i) => [name, `${MARK}${i}${MARK}`]))).split(MARK) };
      templates.set(key, template);
    }
    const { names, parts } = template;
    return parts.map((part, i) => (i % 2 === 1 ? String(values[names[Number(part)]!] ?? "") : part)).join("");
  };
}

/**
 * The case packet as HTML with every value escaped: the dispute, its routing reasons, its history
 * and the evidence list with hashes. The printable page shows it; the saved file wraps it whole.
 */
export function casePacketBody(p: PacketInput): string {
  const { dispute: d } = p;
  const t = filledOnce(p.t, ["packetPage.historyEntry", "events.comment"]);
  const when = (value: unknown) => (value ? p.storeTime(new Date(String(value))) : t("none"));
  // The party may read it elsewhere: the times are the store's, said once with their offsets from
  // UTC (both, winter's and summer's, where the zone keeps daylight saving time).
  const offsetOn = (date: Date) =>
    new Intl.DateTimeFormat("en", { timeZone: p.timeZone, timeZoneName: "shortOffset" }).formatToParts(date).find((part) => part.type === "timeZoneName")?.value ?? "";
  const year = p.now.getUTCFullYear();
  const offset = [...new Set([offsetOn(new Date(Date.UTC(year, 0, 1))), offsetOn(new Date(Date.UTC(year, 6, 1)))])].join(" / ");
  const nameOf = (id: unknown) => (typeof id === "number" ? (p.names.get(id) ?? `#${id}`) : t("events.someone"));
  const row = (label: string, value: unknown, attributes = "") => (value ? `<tr><th>${escape(label)}</th><td${attributes}>${escape(value)}</td></tr>` : "");
  const partyTitle = t(`partyTitle.${p.recipient.party}`);
  // The name the directory gives the party, with its title; without one the title alone, not said twice ("律师（律师）").
  const recipient = p.recipient.name
    ? p.shell("parenthetical", { text: `<strong>${escape(p.recipient.name)}</strong>`, note: escape(partyTitle) })
    : `<strong>${escape(partyTitle)}</strong>`;
  const noted = (text: string, note: string) => p.shell("parenthetical", { text, note });
  // A resolved or withdrawn dispute awaits no answer: no deadline, and the party it was with in the past tense.
  const closed = isClosed(d.status);
  // Past its deadline, an open dispute's answer is overdue, as the queue marks it: since then, and for how long.
  const overdue = !closed && d.deadlineAt !== null && d.deadlineAt.getTime() < p.now.getTime();
  const deadline =
    !d.deadlineAt || closed
      ? ""
      : overdue
        ? row(t("page.deadline"), t("packetPage.deadlinePassed", { deadline: when(d.deadlineAt), days: Math.floor((p.now.getTime() - d.deadlineAt.getTime()) / 86_400_000) }), ' class="overdue" data-overdue')
        : row(t("page.deadline"), when(d.deadlineAt));
  const events = p.comments ? d.events : d.events.filter((e) => e.kind !== "comment");
  const leftOut = d.events.length - events.length;
  // In the packet's own language: on the console's page it may be the other one.
  return `<article class="packet" lang="${escape(p.locale)}">
<h1>${escape(t("packetPage.title"))} · #${d.id} ${escape(d.title)}</h1>
<p class="meta">${escape(t("packetPage.generated", { store: p.storeName, date: when(p.now) }))}</p>
<p class="meta" data-time-zone>${escape(t("packetPage.timeZone", { zone: p.timeZone, offset }))}</p>
<section><h2>${escape(t("packetPage.for"))}</h2>
<p>${recipient}</p>
${p.recipient.contact ? `<p class="contact">${escape(p.shell("labelled", { label: t("page.contact"), text: p.recipient.contact }))}</p>` : ""}</section>
<section><h2>${escape(t("page.facts"))}</h2><table class="facts">
${row(t("page.type"), t(`type.${d.type}.label`))}
${row(t("page.status"), t(`status.${d.status}`))}
${row(t("page.amount"), formatMoney(d.amountAtStake, p.currency, p.locale))}
${row(t("page.customer"), d.customerExternalId ? noted(d.customerName || "", d.customerExternalId) : "")}
${row(t("page.order"), d.orderExternalId)}
${row(t("page.product"), d.productExternalId ? noted(d.productName ?? "", d.productExternalId) : "")}
${row(t("page.return"), d.returnExternalId)}
${row(t("page.counterparty"), d.counterpartyName ? noted(d.counterpartyName, t(`counterpartyKind.${d.counterpartyKind ?? "other"}`)) : "")}
${row(t("page.infringedRight"), d.infringedRight)}
${row(t("page.infringingListing"), d.infringingListing)}
${row(t("page.submittedAt"), d.submittedAt ? when(d.submittedAt) : "")}
${deadline}
${row(t("packetPage.deadlineBasis"), deadlineBasis(d, t, p.timeZone))}
${row(t("page.lastWith"), d.currentParty && closed ? t(`partyTitle.${d.currentParty}`) : "")}
${row(t("page.outcome"), d.outcome ? p.shell("labelled", { label: t(`outcome.${d.outcome}`), text: d.resolutionSummary ?? "" }) : "")}
</table>
${d.description ? `<h3>${escape(t("form.description"))}</h3>\n<p class="description">${escape(d.description)}</p>` : ""}</section>
<section><h2>${escape(t("page.routing"))}</h2>
<p>${escape([d.routing.primary, ...d.routing.chain].map((party) => t(`partyTitle.${party}`)).join(" → "))}</p>
<ul>${d.routing.reasons.map((r) => `<li>${escape(routingReasonText(r as never, t, p.locale, p.currency))}</li>`).join("")}</ul></section>
<section><h2>${escape(t("packetPage.evidenceTitle"))}</h2>
${
  d.evidence.length === 0
    ? // The party reads this: not the console's "add screenshots…" prompt to the merchant.
      `<p>${escape(t("packetPage.noEvidence"))}</p>`
    : `<table><thead><tr><th>${escape(t("page.fileName"))}</th><th>${escape(t("page.fileType"))}</th><th>${escape(t("page.size"))}</th><th>${escape(t("page.sha256"))}</th></tr></thead><tbody>${d.evidence
        .map((e) => `<tr><td>${escape(e.fileName)}</td><td>${escape(fileKindLabel(e.mediaType, t))}</td><td>${escape(new Intl.NumberFormat(p.locale).format(e.sizeBytes))}</td><td class="hash">${escape(e.sha256)}</td></tr>`)
        .join("")}</tbody></table>`
}</section>
<section><h2>${escape(t("packetPage.historyTitle"))}</h2>
${leftOut > 0 ? `<p class="meta" data-comments-left-out>${escape(t("packetPage.commentsLeftOut", { count: leftOut }))}</p>\n` : ""}<ol class="history">
${events
  .map(
    (e) =>
      `<li>${t("packetPage.historyEntry", { when: `<span class="when">${escape(when(e.at))}</span>`, by: escape(e.actorName ?? t("events.someone")), event: escape(eventText(e, t, when, nameOf)) })}</li>`,
  )
  .join("\n")}
</ol></section>
</article>`;
}

export const packetStyles = `.packet{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;color:#1c1917;max-width:60rem;margin:0 auto;line-height:1.5;overflow-wrap:anywhere}
.packet h1{font-size:1.4rem;margin:0 0 .25rem}.packet h2{font-size:1.05rem;margin:1.25rem 0 .4rem;border-bottom:1px solid #d6d3d1}
.packet .meta{color:#57534e;font-size:.85rem}.packet table{border-collapse:collapse;width:100%;font-size:.9rem}
.packet th,.packet td{text-align:left;vertical-align:top;padding:.2rem .5rem;border-bottom:1px solid #e7e5e4}
.packet th{width:12rem;font-weight:600}.packet .facts th{width:min(12rem,35%);word-break:keep-all;overflow-wrap:normal}.packet .hash{font-family:ui-monospace,monospace;font-size:.75rem;word-break:break-all}
.packet .description,.packet .contact{white-space:pre-wrap}.packet ul{list-style:disc;padding-left:1.2rem}.packet .history{font-size:.9rem;padding-left:1.2rem}
.packet h3{font-size:.95rem;margin:.75rem 0 .2rem}.packet h2,.packet h3{break-after:avoid}.packet tr,.packet li{break-inside:avoid}.packet .when{color:#57534e}.packet .overdue{color:#b91c1c;font-weight:600}`;

/** The saved file: one self-contained HTML document, no outside resources. */
export function casePacketDocument(p: PacketInput): string {
  return `<!doctype html>
<html lang="${escape(p.locale)}"><head><meta charset="utf-8"><title>${escape(p.t("packetPage.title"))} #${p.dispute.id}</title>
<style>body{margin:2rem}${packetStyles}</style></head>
<body>${casePacketBody(p)}</body></html>
`;
}
