import "server-only";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { z } from "zod";
import type { Role } from "@/db/schema";
import { findActionStoreContext } from "@/lib/auth/session";
import { AppError, inReaderLanguage } from "@/lib/errors";
import { fieldErrorInReaderLanguage, refusalOfForm } from "./field-errors";
import { assertRole, type StoreContext } from "@/lib/stores/context";
import { nulPaths } from "@/lib/validation/nul";

export type ActionResult<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

/**
 * The one wrapper of every store-scoped server action (a server action is a public POST
 * endpoint): session → membership → role → zod-validated input → domain call → typed result.
 * Bind the store slug first: `action.bind(null, slug)`, then use it with useActionState.
 */
export function storeAction<S extends z.ZodType, T>(
  options: { role: Role; input: S },
  run: (ctx: StoreContext, input: z.output<S>) => Promise<T>,
) {
  return async (slug: string, _previous: unknown, formData: FormData): Promise<ActionResult<T>> => {
    const t = await getTranslations();
    try {
      const ctx = await findActionStoreContext(slug);
      if (!ctx) return { ok: false, message: t("errors.notFound") };
      assertRole(ctx, options.role);
      const locale = await getLocale();
      // zod's own catalogues word the field errors in the user's language.
      const zodLocale = locale === "en" ? z.locales.en() : z.locales.zhCN();
      const fields = Object.fromEntries(formData);
      const withNul = nulPaths(Object.fromEntries(Object.entries(fields).filter(([, value]) => typeof value === "string")));
      if (withNul.length > 0) {
        return { ok: false, message: t("errors.invalidInput"), fieldErrors: Object.fromEntries(withNul.map((key) => [key, [t("errors.nulCharacter")]])) };
      }
      const parsed = options.input.safeParse(fields, { error: zodLocale.localeError });
      if (!parsed.success) {
        const fieldErrors: Record<string, string[]> = {};
        for (const issue of parsed.error.issues) {
          const key = issue.path.map(String).join(".") || "form";
          (fieldErrors[key] ??= []).push(fieldErrorInReaderLanguage(issue, t));
        }
        return { ok: false, message: t("errors.invalidInput"), fieldErrors };
      }
      return { ok: true, data: await run(ctx, parsed.data) };
    } catch (error) {
      if (error instanceof AppError) {
        // A refusal that names a field (its details' paths) marks that field, as zod's do.
        return { ok: false, ...refusalOfForm(error, inReaderLanguage(error, t), new Set(formData.keys()), t) };
      }
      const ref = crypto.randomUUID().slice(0, 8);
      console.error(`[action ${ref}]`, error);
      return { ok: false, message: t("errors.unexpected", { ref }) };
    }
  };
}
