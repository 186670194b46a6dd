import type { Translate } from "@/lib/i18n/locales";
import type { NamedTimes } from "@/lib/i18n/store-time-text";

// Expected errors: each carries a code (for the API and the UI), an HTTP status and an English
// message fit for the user. `key` names the message in the catalogues (messages/<locale>/*.json, under
// "errors") so pages can show it in the user's language; `values` fill its placeholders.

export type ErrorCode =
  | "invalid"
  | "invalid_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "too_large"
  | "rate_limited"
  | "price_below_floor"
  | "price_above_regular";

// 400 or 422 is one rule (lib/validation/malformed.ts): a request that cannot be read as what the
// route takes is `invalid_request`, one that reads well but breaks a rule of the product `invalid`.
const statusByCode: Record<ErrorCode, number> = {
  /** A well-formed request that breaks a rule (an amount over the bound, cutoffs out of order). */
  invalid: 422,
  /** The request itself is malformed (a key the route does not take, a wrong type, a forged cursor). */
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  price_below_floor: 422,
  price_above_regular: 422,
};

export interface ErrorDetail {
  path?: string;
  message: string;
  /** The rule broken, for a client to act on without reading the message (a flash sale's `overlap`). */
  rule?: string;
}

/** A thing a refusal names that a page links to ("sale #4"): `text` as the message words it. */
export interface TextLink {
  text: string;
  href: string;
}

export class AppError extends Error {
  readonly status: number;
  /** The times the message names (withTimes), for a page to write as it writes times: see inReaderLanguage. */
  times?: NamedTimes;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly key?: string,
    readonly values?: Record<string, string | number>,
    readonly details: ErrorDetail[] = [],
    /** For a form only (the API answers no links): where what the message names can be seen. */
    readonly links: TextLink[] = [],
  ) {
    super(message);
    this.name = "AppError";
    this.status = statusByCode[code];
  }

  /**
   * The instants the catalogue's message names by placeholder, carried as data rather than as
   * text in `values`: an ISO day ("2026-11-30") read unlike the page's "Nov 30, 2026". The English
   * `message` (the API's) keeps its own text.
   */
  withTimes(times: NamedTimes): this {
    this.times = times;
    return this;
  }
}

/**
 * Several refusals of one request at once, each an AppError of its own: the API answers them as
 * one error with every detail; a form places each at its field, in the reader's words.
 */
export class AppErrors extends AppError {
  constructor(code: ErrorCode, message: string, readonly errors: AppError[], details: ErrorDetail[] = errors.flatMap((e) => e.details)) {
    super(code, message, undefined, undefined, details);
    this.name = "AppErrors";
  }
}

/**
 * The error's message in the reader's language (`t`: next-intl's translator), or its English one.
 * `writeTimes` writes the times it names as the page writes them (storeTimeWriter with the store's
 * zone): every page and form that shows a refusal passes its own, so that none says "2026-11-30"
 * or "02:30" where the store's pages say "Nov 30, 2026" and "2:30 AM". An error naming times read
 * where there is none (no store found yet) is said in English, not half-filled.
 */
export function inReaderLanguage(error: AppError, t: Translate, writeTimes: ((times: NamedTimes) => Record<string, string>) | undefined): string {
  if (!error.key) return error.message;
  if (!error.times) return t(error.key, error.values);
  return writeTimes ? t(error.key, { ...error.values, ...writeTimes(error.times) }) : error.message;
}

export const notFound = (what = "Not found") => new AppError("not_found", what, "errors.notFound");
export const forbidden = () =>
  new AppError("forbidden", "Your role in this store does not allow this.", "errors.forbidden");
