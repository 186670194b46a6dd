import type { z } from "zod";
import type { AppError, TextLink } from "@/lib/errors";
import type { Translate } from "@/lib/i18n/locales";

/**
 * A form's refused field in the reader's words (messages under errors.field, and our own
 * refinements' keys). zod's own locales said "数值过小：期望 string >=2 字符" of a short reason:
 * a number, and the type's English name. What is not worded here keeps zod's locale message.
 */
export function fieldErrorInReaderLanguage(issue: z.core.$ZodIssue, t: Translate): string {
  switch (issue.code) {
    case "custom": {
      // A refinement of ours carries its catalogue key; its English message is what the API says.
      const params = issue.params as { key?: unknown; values?: Record<string, string | number> } | undefined;
      return typeof params?.key === "string" ? t(params.key, params.values) : issue.message;
    }
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? t("errors.field.required") : t("errors.field.tooShort", { min });
      if (issue.origin === "number") return t(issue.inclusive === false ? "errors.field.above" : "errors.field.atLeast", { min });
      // A list of ticked boxes (the staff to share customers among…).
      if (issue.origin === "array" || issue.origin === "set") return t("errors.field.chooseAtLeast", { min: Math.max(min, 1) });
      return issue.message;
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return t("errors.field.tooLong", { max });
      if (issue.origin === "number") return t(issue.inclusive === false ? "errors.field.below" : "errors.field.atMost", { max });
      return issue.message;
    }
    case "invalid_type":
      if (issue.expected === "int") return t("errors.field.notWhole");
      if (issue.expected === "number") return t("errors.field.notNumber");
      return issue.message;
    case "invalid_value":
      return t("errors.field.notAnOption");
    case "invalid_format":
      return issue.format === "email" ? t("errors.field.notEmail") : issue.message;
    default:
      return issue.message;
  }
}

/**
 * A refusal of the data layer as a form shows it. An AppError's details name what they are about
 * by path; where a path names one of the submitted fields (`orderExternalId`), or ends in one
 * (`prices.gold` of the member-price form's `gold`), that field is marked with the refusal.
 *
 * An error with a catalogue key is one refusal, worded whole by `message`; one without carries
 * its details already worded for the reader (the flash-sale rules, one line each). When every
 * detail has its field, the summary only asks to check them, as a form's own refusal does.
 */
export function refusalOfForm(
  error: AppError,
  message: string,
  submitted: ReadonlySet<string>,
  t: Translate,
): { message: string; fieldErrors?: Record<string, string[]>; links?: TextLink[] } {
  const links = error.links.length > 0 ? { links: error.links } : {};
  const fieldErrors: Record<string, string[]> = {};
  let unplaced = 0;
  for (const detail of error.details) {
    const field = formFieldOf(detail.path, submitted);
    if (field === null) {
      unplaced++;
      continue;
    }
    const text = error.key ? message : detail.message;
    const list = (fieldErrors[field] ??= []);
    if (!list.includes(text)) list.push(text);
  }
  if (Object.keys(fieldErrors).length === 0) return { message, ...links };
  return { message: error.key || unplaced > 0 ? message : t("errors.invalidInput"), fieldErrors, ...links };
}

function formFieldOf(path: string | undefined, submitted: ReadonlySet<string>): string | null {
  if (!path) return null;
  const parts = path.split(".");
  for (let i = 0; i < parts.length; i++) {
    const candidate = parts.slice(i).join(".");
    if (submitted.has(candidate)) return candidate;
  }
  return null;
}
