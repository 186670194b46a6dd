"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { storeAction } from "@/lib/actions/store-action";
import { assignRep, markQueueSeen, spreadReps, unassignRep } from "@/lib/reps/assignments";
import { assignRepInput, spreadRepsInput, unassignRepInput } from "@/lib/validation/reps";
import type { SpreadDone } from "./_components/spread-form";

export const assignRepAction = storeAction({ role: "owner", input: assignRepInput }, async (ctx, input) => {
  await assignRep(ctx, input);
  revalidatePath(`/s/${ctx.store.slug}/customers`, "layout");
});

export const unassignRepAction = storeAction({ role: "owner", input: unassignRepInput }, async (ctx, input) => {
  await unassignRep(ctx, input.customerId);
  revalidatePath(`/s/${ctx.store.slug}/customers`, "layout");
});

export const spreadRepsAction = storeAction({ role: "owner", input: spreadRepsInput }, async (ctx, input) => {
  const result = await spreadReps(ctx, input.userIds);
  revalidatePath(`/s/${ctx.store.slug}/customers`, "layout");
  // The staff who were given customers: with fewer customers than staff ticked, some get none.
  return { assigned: result.assigned, staff: [...result.perRep.values()].filter((n) => n > 0).length } satisfies SpreadDone;
});

export const markQueueSeenAction = storeAction({ role: "staff", input: z.object({}) }, async (ctx) => {
  await markQueueSeen(ctx);
  revalidatePath(`/s/${ctx.store.slug}`, "layout");
});
