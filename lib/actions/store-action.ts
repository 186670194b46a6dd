import "server-only";
import { getFormatter, getLocale, getTranslations } from "@/lib/i18n/server";
import { z } from "zod";
import type { Role } from "@/db/schema";
import { findActionStoreContext } from "@/lib/auth/session";
import { AppError, AppErrors, inReaderLanguage, type TextLink } from "@/lib/errors";
import type { Translate } from "@/lib/i18n/locales";
import { storeTimeWriter, type NamedTimes } from "@/lib/i18n/store-time-text";
import { fieldErrorInReaderLanguage, refusalOfForm } from "./field-errors";
import { assertRole, type StoreContext } from "@/lib/stores/context";
import { forbiddenCharacterPaths } from "@/lib/validation/forbidden-characters";

export type ActionResult<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; message: string; fieldErrors?: Record<string, string[]>; links?: TextLink[] };

/**
 * The one wrapper of every store-scoped server action (a server action is a public POST
 * endpoint): session → membership → role → zod-validated input → domain call → typed result.
 * Bind the store slug first: `action.bind(null, slug)`, then use it with useActionState.
 */
export function storeAction<S extends z.ZodType, T>(
  options: {
    role: Role;
    input: S;
    /**
     * The domain's own checks of the form (the product's price, a name already taken…), run before
     * `run`, and also when the schema refused some fields, on those it could read: one submit then
     * names every problem rather than the schema's, then the domain's. Throws an AppError whose
     * details name the fields, or an AggregateError of them (refusals worded each its own way).
     */
    check?: (ctx: StoreContext, readable: Partial<z.output<S>>) => Promise<void>;
  },
  run: (ctx: StoreContext, input: z.output<S>) => Promise<T>,
) {
  return async (slug: string, _previous: unknown, formData: FormData): Promise<ActionResult<T>> => {
    const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
    // The times a refusal names, written as the store's pages write them (its zone).
    let writeTimes: ((times: NamedTimes) => Record<string, string>) | undefined;
    try {
      const ctx = await findActionStoreContext(slug);
      if (!ctx) return { ok: false, message: t("errors.notFound") };
      writeTimes = storeTimeWriter(t, format, ctx.store.timezone);
      assertRole(ctx, options.role);
      const locale = await getLocale();
      // zod's own catalogues word the field errors in the user's language.
      const zodLocale = locale === "en" ? z.locales.en() : z.locales.zhCN();
      const submitted = Object.fromEntries(formData);
      // A field holding a character no text may hold is marked so, and read as not sent: the rest
      // of the form is checked as usual, so one submit names every problem.
      const forbidden = forbiddenCharacterPaths(Object.fromEntries(Object.entries(submitted).filter(([, value]) => typeof value === "string")));
      const fieldErrors: Record<string, string[]> = Object.fromEntries(
        forbidden.map(({ path, char }) => [path, [t("errors.field.forbiddenCharacter", { char })]]),
      );
      const fields = Object.fromEntries(Object.entries(submitted).filter(([key]) => !(key in fieldErrors)));
      const parsed = options.input.safeParse(fields, { error: zodLocale.localeError });
      const taken = parsed.success && forbidden.length === 0;
      for (const issue of parsed.error?.issues ?? []) {
        const key = issue.path.map(String).join(".") || "form";
        if (forbidden.some(({ path }) => path === key)) continue;
        (fieldErrors[key] ??= []).push(fieldErrorInReaderLanguage(issue, t));
      }
      const refusals = options.check
        ? await refusalsOfCheck(options.check, ctx, taken ? parsed.data : readableFields(options.input, fields), new Set(formData.keys()), t, writeTimes)
        : [];
      // A lone refusal of a form the schema took reads as any refusal of the domain.
      if (taken && refusals.length === 1) return { ok: false, ...refusals[0]! };
      if (!taken || refusals.length > 0) return { ok: false, ...mergedRefusals(refusals, fieldErrors, t) };
      return { ok: true, data: await run(ctx, parsed.data) };
    } catch (error) {
      if (error instanceof AppErrors) {
        // Several refusals at once (every refused member price): each at its field, in the reader's words.
        return { ok: false, ...mergedRefusals(error.errors.map((one) => refusalOfForm(one, inReaderLanguage(one, t, writeTimes), new Set(formData.keys()), t)), {}, t) };
      }
      if (error instanceof AppError) {
        // A refusal that names a field (its details' paths) marks that field, as zod's do.
        return { ok: false, ...refusalOfForm(error, inReaderLanguage(error, t, writeTimes), new Set(formData.keys()), t) };
      }
      const ref = crypto.randomUUID().slice(0, 8);
      console.error(`[action ${ref}]`, error);
      return { ok: false, message: t("errors.unexpected", { ref }) };
    }
  };
}

/**
 * Refusals of one submit as one answer: each placed at its fields (a field already refused keeps
 * its first word: the schema's, when the check read it as missing), the unplaced ones as the message.
 */
function mergedRefusals(
  refusals: { message: string; fieldErrors?: Record<string, string[]>; links?: TextLink[] }[],
  fieldErrors: Record<string, string[]>,
  t: Translate,
): { message: string; fieldErrors: Record<string, string[]>; links?: TextLink[] } {
  for (const refusal of refusals) {
    for (const [field, messages] of Object.entries(refusal.fieldErrors ?? {})) fieldErrors[field] ??= messages;
  }
  const unplaced = refusals.filter((refusal) => !refusal.fieldErrors).map((refusal) => refusal.message);
  const links = refusals.flatMap((refusal) => refusal.links ?? []);
  return { message: unplaced.length > 0 ? unplaced.join(" ") : t("errors.invalidInput"), fieldErrors, ...(links.length > 0 ? { links } : {}) };
}

/** What a form's check refused, each refusal worded and placed at its fields as the form shows it. */
async function refusalsOfCheck<I>(
  check: (ctx: StoreContext, input: I) => Promise<void>,
  ctx: StoreContext,
  input: I,
  submitted: ReadonlySet<string>,
  t: Translate,
  writeTimes: (times: NamedTimes) => Record<string, string>,
): Promise<{ message: string; fieldErrors?: Record<string, string[]>; links?: TextLink[] }[]> {
  try {
    await check(ctx, input);
    return [];
  } catch (error) {
    const errors: unknown[] = error instanceof AggregateError || error instanceof AppErrors ? error.errors : [error];
    if (!errors.every((one) => one instanceof AppError)) throw error;
    return errors.map((one) => refusalOfForm(one, inReaderLanguage(one, t, writeTimes), submitted, t));
  }
}

/**
 * The fields of a refused form that its (object) schema can still read, each on its own; a
 * refused field is left out (an optional one left blank is there, undefined).
 */
function readableFields<S extends z.ZodType>(schema: S, fields: Record<string, unknown>): Partial<z.output<S>> {
  if (!(schema instanceof z.ZodObject)) return {};
  const readable: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const one = field.safeParse(fields[key]);
    if (one.success) readable[key] = one.data;
  }
  return readable as Partial<z.output<S>>;
}
