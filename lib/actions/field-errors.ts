import type { z } from "zod";
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
