import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireStore } from "@/lib/auth/session";
import { getDisputeSummary } from "@/lib/disputes/queries";
import { AppError } from "@/lib/errors";
import { parsePathId } from "@/lib/path-id";

/**
 * A dispute page's store and dispute (its history apart: a page reads what it shows of it), or
 * the 404 page. Cached for the request: a page's generateMetadata (its title names the dispute)
 * and the page itself read it once.
 */
export const loadDispute = cache(async (slug: string, idText: string) => {
  const ctx = await requireStore(slug);
  const id = parsePathId(idText) ?? notFound();
  try {
    return { ctx, dispute: await getDisputeSummary(ctx, id) };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});
