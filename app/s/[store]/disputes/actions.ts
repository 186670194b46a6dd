"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { storeAction } from "@/lib/actions/store-action";
import { getLocale } from "@/lib/i18n/server";
import {
  assignDispute,
  commentOnDispute,
  deadlineOutOfRange,
  disputeFactsProblems,
  escalateDispute,
  fileDispute,
  overrideDeadline,
  resolveDispute,
  routeDispute,
  startReview,
  submitDispute,
  updateDraft,
  withdrawDispute,
} from "@/lib/disputes/commands";
import type { MissingFact } from "@/lib/disputes/facts";
import { savePartyContact, setLegalThreshold } from "@/lib/disputes/settings";
import { AppError } from "@/lib/errors";
import { localTimeReader, RowError } from "@/lib/imports/values";
import { amountAsTyped, majorToMinor } from "@/lib/money";
import { chosenRepeatedTime, type Occurrence } from "@/lib/store-time";
import type { StoreContext } from "@/lib/stores/context";
import {
  assignSchema,
  commentSchema,
  deadlineOverrideSchema,
  disputeFormSchema,
  disputeIdSchema,
  escalateSchema,
  legalThresholdFormSchema,
  parseMajorAmount,
  partyContactSchema,
  resolveSchema,
  withdrawSchema,
  type DisputeFacts,
} from "@/lib/validation/disputes";
import { inDisputeWords, withDisputeWords } from "./localize-error";

const refresh = (ctx: StoreContext, id?: number) => {
  revalidatePath(`/s/${ctx.store.slug}/disputes`, "layout");
  if (id) revalidatePath(`/s/${ctx.store.slug}/disputes/${id}`);
};

type DisputeFormInput = z.output<typeof disputeFormSchema>;

/** The amount typed, in minor units of the store's currency (blank is 0). */
function amountOf(text: string | undefined, currency: string): number {
  const amount = parseMajorAmount(text ?? "", currency);
  if (amount === null) {
    throw new AppError("invalid", "The amount at stake is not a number.", "disputes.errors.invalidAmount", {}, [
      { path: "amountAtStake", message: "Not an amount such as 80000 or 80000.50" },
    ]);
  }
  return amount;
}

/** The form's fields as the commands take them; a field the form could not read is left blank. */
function factsOf(input: Partial<DisputeFormInput>, amountAtStake: number): DisputeFacts {
  return {
    type: input.type!,
    title: input.title ?? "",
    description: input.description ?? "",
    amountAtStake,
    orderExternalId: input.orderExternalId,
    customerExternalId: input.customerExternalId,
    productExternalId: input.productExternalId,
    returnExternalId: input.returnExternalId,
    counterparty: input.counterpartyName ? { name: input.counterpartyName, kind: input.counterpartyKind ?? "other" } : undefined,
    // The form shows these for an IP infringement alone; one typed before the type changed stays hidden in the form.
    infringedRight: input.type === "ip_infringement" ? input.infringedRight : undefined,
    infringingListing: input.type === "ip_infringement" ? input.infringingListing : undefined,
  };
}

/** The form's fields where each fact a submission lacks is asked for ("a|b": either, both marked). */
const factFields: Record<MissingFact, string[]> = {
  description: ["description"],
  infringedRight: ["infringedRight"],
  "infringingListing|counterparty": ["infringingListing", "counterpartyName"],
  product: ["productExternalId"],
  "customer|order": ["customerExternalId", "orderExternalId"],
  "return|order": ["returnExternalId", "orderExternalId"],
  counterparty: ["counterpartyName"],
};

const missingFact = (fact: MissingFact) =>
  new AppError(
    "invalid",
    `Needed before this dispute is submitted: ${fact}.`,
    "disputes.errors.missingFacts",
    { facts: fact },
    factFields[fact].map((path) => ({ path, message: "Required for this type of dispute" })),
  );

/**
 * Files a new dispute or changes a draft; "Save draft" keeps it a draft, "Submit" routes it. One
 * submit names every problem at its field: the fields' shapes, the amount, the orders, customers
 * and products the store does not have, and the facts the type still needs (they came one after
 * another, each found only once the one before was fixed).
 */
export const saveDisputeAction = storeAction(
  {
    role: "staff",
    input: disputeFormSchema,
    async check(ctx, input) {
      // Without a type there are no facts to ask for; the type's own refusal says so.
      if (input.type === undefined) return;
      const refusals: AppError[] = [];
      let amount = 0;
      try {
        amount = amountOf(input.amountAtStake, ctx.store.currency);
      } catch (error) {
        refusals.push(error as AppError);
      }
      const submit = input.intent !== "draft";
      const problems = await disputeFactsProblems(ctx, factsOf(input, amount), { submit, locale: await getLocale() });
      refusals.push(...problems.refusals, ...problems.missing.map(missingFact));
      if (refusals.length > 0) throw new AggregateError(await Promise.all(refusals.map(inDisputeWords)));
    },
  },
  async (ctx, input) =>
    withDisputeWords(async () => {
      const facts = factsOf(input, amountOf(input.amountAtStake, ctx.store.currency));
      const submit = input.intent === "submit";
      const locale = await getLocale();
      const saved = input.disputeId
        ? await updateDraft(ctx, input.disputeId, facts, { submit, locale, seen: input.seen })
        : await fileDispute(ctx, facts, { draft: !submit, locale });
      refresh(ctx, saved.id);
      return { id: saved.id, status: saved.status };
    }),
);

const step = <S extends z.ZodType>(input: S, run: (ctx: StoreContext, input: z.output<S>) => Promise<unknown>) =>
  storeAction({ role: "staff", input }, async (ctx, parsed: z.output<S>) =>
    withDisputeWords(async () => {
      await run(ctx, parsed);
      refresh(ctx, (parsed as { disputeId: number }).disputeId);
    }),
  );

export const submitAction = step(disputeIdSchema, (ctx, { disputeId }) => submitDispute(ctx, disputeId));
export const assignAction = step(assignSchema, (ctx, i) => assignDispute(ctx, i.disputeId, i.assigneeUserId));
export const startReviewAction = step(disputeIdSchema, (ctx, { disputeId }) => startReview(ctx, disputeId));
export const routeAction = step(disputeIdSchema, (ctx, { disputeId }) => routeDispute(ctx, disputeId));
export const escalateAction = step(escalateSchema, (ctx, { disputeId, to }) => escalateDispute(ctx, disputeId, { to }));
export const resolveAction = step(resolveSchema, (ctx, i) => resolveDispute(ctx, i.disputeId, { outcome: i.outcome, summary: i.summary }));
export const withdrawAction = step(withdrawSchema, (ctx, i) => withdrawDispute(ctx, i.disputeId, { reason: i.reason }));
export const commentAction = step(commentSchema, (ctx, i) => commentOnDispute(ctx, i.disputeId, i.body));

/**
 * A date-time-local value ("2026-07-01T18:00") is a time in the store's time zone, read by the
 * rule files, the API and flash sales read local times by (localTimeReader): in the hour the
 * clocks skip, an hour later. In the hour they repeat, the one of the two the form's user chose,
 * as the flash-sale forms ask (chosenRepeatedTime): none chosen, it is refused, naming both.
 */
function storeLocalTime(text: string, timeZone: string, occurrence: Occurrence | undefined): Date {
  const badDeadline = () =>
    new AppError("invalid", "Enter a date and time for the deadline.", "disputes.errors.badDeadline", {}, [
      { path: "deadlineAt", message: "Not a date and time" },
    ]);
  // The form's own format alone (the reader also takes a file's "2030/07/01 18:00").
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text)) throw badDeadline();
  try {
    const read = localTimeReader(timeZone)("deadlineAt", text);
    return chosenRepeatedTime("deadlineAt", text, timeZone, occurrence ?? "ask") ?? read;
  } catch (error) {
    if (!(error instanceof RowError)) throw error;
    if (error.reason.key === "importReasons.notTime") throw badDeadline();
    throw deadlineOutOfRange();
  }
}

export const setDeadlineAction = step(deadlineOverrideSchema, (ctx, i) =>
  overrideDeadline(ctx, i.disputeId, { deadlineAt: storeLocalTime(i.deadlineAt, ctx.store.timezone, i.deadlineAtOccurrence || undefined), reason: i.reason }),
);

export const savePartyAction = storeAction({ role: "owner", input: partyContactSchema }, async (ctx, { seen, ...input }) => {
  await savePartyContact(ctx, input, { seen });
  revalidatePath(`/s/${ctx.store.slug}/disputes`, "layout");
});

export const saveThresholdAction = storeAction({ role: "owner", input: legalThresholdFormSchema }, async (ctx, input) => {
  // Unlike an amount at stake, a threshold is never blank: "，" alone is no amount, not ¥0 (every dispute to a lawyer).
  const amount = majorToMinor(amountAsTyped(input.legalThreshold, ctx.store.currency), ctx.store.currency);
  if (amount === null) {
    throw new AppError("invalid", "Enter an amount such as 50000.", "disputes.parties.invalidAmount", {}, [
      { path: "legalThreshold", message: "Not an amount such as 50000" },
    ]);
  }
  await setLegalThreshold(ctx, amount, await getLocale(), { seen: input.seen });
  revalidatePath(`/s/${ctx.store.slug}/disputes`, "layout");
});
