"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { storeAction } from "@/lib/actions/store-action";
import { getLocale } from "@/lib/i18n/server";
import {
  assignDispute,
  commentOnDispute,
  deadlineOutOfRange,
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
import { savePartyContact, setLegalThreshold } from "@/lib/disputes/settings";
import { AppError } from "@/lib/errors";
import { localTimeReader, RowError } from "@/lib/imports/values";
import type { StoreContext } from "@/lib/stores/context";
import {
  assignSchema,
  commentSchema,
  deadlineOverrideSchema,
  disputeFormSchema,
  disputeIdSchema,
  legalThresholdFormSchema,
  parseMajorAmount,
  partyContactSchema,
  resolveSchema,
  withdrawSchema,
  type DisputeFacts,
} from "@/lib/validation/disputes";
import { withDisputeWords } from "./localize-error";

const refresh = (ctx: StoreContext, id?: number) => {
  revalidatePath(`/s/${ctx.store.slug}/disputes`, "layout");
  if (id) revalidatePath(`/s/${ctx.store.slug}/disputes/${id}`);
};

/** Files a new dispute or changes a draft; "Save draft" keeps it a draft, "Submit" routes it. */
export const saveDisputeAction = storeAction({ role: "staff", input: disputeFormSchema }, async (ctx, input) =>
  withDisputeWords(async () => {
    const amount = parseMajorAmount(input.amountAtStake, ctx.store.currency);
    if (amount === null) {
      throw new AppError("invalid", "The amount at stake is not a number.", "disputes.errors.invalidAmount", {}, [
        { path: "amountAtStake", message: "Not an amount such as 80000 or 80000.50" },
      ]);
    }
    const facts: DisputeFacts = {
      type: input.type,
      title: input.title,
      description: input.description,
      amountAtStake: amount,
      orderExternalId: input.orderExternalId,
      customerExternalId: input.customerExternalId,
      productExternalId: input.productExternalId,
      returnExternalId: input.returnExternalId,
      counterparty: input.counterpartyName ? { name: input.counterpartyName, kind: input.counterpartyKind } : undefined,
      infringedRight: input.infringedRight,
      infringingListing: input.infringingListing,
    };
    const submit = input.intent === "submit";
    const locale = await getLocale();
    const saved = input.disputeId
      ? await updateDraft(ctx, input.disputeId, facts, { submit, locale })
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
export const escalateAction = step(disputeIdSchema, (ctx, { disputeId }) => escalateDispute(ctx, disputeId));
export const resolveAction = step(resolveSchema, (ctx, i) => resolveDispute(ctx, i.disputeId, { outcome: i.outcome, summary: i.summary }));
export const withdrawAction = step(withdrawSchema, (ctx, i) => withdrawDispute(ctx, i.disputeId, { reason: i.reason }));
export const commentAction = step(commentSchema, (ctx, i) => commentOnDispute(ctx, i.disputeId, i.body));

/**
 * A date-time-local value ("2026-07-01T18:00") is a time in the store's time zone, read by the
 * rule files, the API and flash sales read local times by (localTimeReader): in the hour the
 * clocks repeat, the first of the two; in the hour they skip, an hour later.
 */
function storeLocalTime(text: string, timeZone: string): Date {
  const badDeadline = () =>
    new AppError("invalid", "Enter a date and time for the deadline.", "disputes.errors.badDeadline", {}, [
      { path: "deadlineAt", message: "Not a date and time" },
    ]);
  // The form's own format alone (the reader also takes a file's "2030/07/01 18:00").
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text)) throw badDeadline();
  try {
    return localTimeReader(timeZone)("deadlineAt", text);
  } catch (error) {
    if (!(error instanceof RowError)) throw error;
    if (error.reason.key === "importReasons.notTime") throw badDeadline();
    throw deadlineOutOfRange();
  }
}

export const setDeadlineAction = step(deadlineOverrideSchema, (ctx, i) =>
  overrideDeadline(ctx, i.disputeId, { deadlineAt: storeLocalTime(i.deadlineAt, ctx.store.timezone), reason: i.reason }),
);

export const savePartyAction = storeAction({ role: "owner", input: partyContactSchema }, async (ctx, input) => {
  await savePartyContact(ctx, input);
  revalidatePath(`/s/${ctx.store.slug}/disputes`, "layout");
});

export const saveThresholdAction = storeAction({ role: "owner", input: legalThresholdFormSchema }, async (ctx, input) => {
  const amount = parseMajorAmount(input.legalThreshold, ctx.store.currency);
  if (amount === null) {
    throw new AppError("invalid", "Enter an amount such as 50000.", "disputes.parties.invalidAmount", {}, [
      { path: "legalThreshold", message: "Not an amount such as 50000" },
    ]);
  }
  await setLegalThreshold(ctx, amount, await getLocale());
  revalidatePath(`/s/${ctx.store.slug}/disputes`, "layout");
});
