import "server-only";
import type { Role } from "@/db/schema";
import { errorResponse } from "@/lib/api/route";
import { getTranslations } from "@/lib/i18n/server";
import type { StoreContext } from "@/lib/stores/context";
import { findActionStoreContext } from "./session";

const refusals = {
  not_found: { status: 404, key: "errors.notFound" },
  forbidden: { status: 403, key: "errors.forbidden" },
  bad_link: { status: 400, key: "errors.badLink" },
} as const;
type RefusalCode = keyof typeof refusals;

/**
 * A route's refusal in the API's error format, its message in the reader's language: the pages
 * that call these routes show the message as it comes ("文件.pdf：找不到该页面或内容。").
 */
export async function refusalResponse(code: RefusalCode): Promise<Response> {
  const { status, key } = refusals[code];
  return errorResponse(status, code, (await getTranslations())(key));
}

/** The same for a link the browser opens itself (a CSV download): the plain sentence, nothing to parse. */
export async function textRefusal(code: RefusalCode): Promise<Response> {
  const { status, key } = refusals[code];
  return new Response((await getTranslations())(key), { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

/**
 * For route handlers under /s/<store>/ that the signed-in user calls (uploads, downloads,
 * polling): the store context, or the response to send instead (404 for a non-member, so a
 * store's existence is not revealed; 403 for a role that may not). `refuse` words it: the API's
 * format for the page's own calls, `textRefusal` for a link the browser opens itself.
 */
export async function routeStoreContext(
  slug: string,
  role: Role,
  refuse: (code: RefusalCode) => Promise<Response> = refusalResponse,
): Promise<StoreContext | Response> {
  const ctx = await findActionStoreContext(slug);
  if (!ctx) return refuse("not_found");
  if (role === "owner" && ctx.role !== "owner") return refuse("forbidden");
  return ctx;
}
