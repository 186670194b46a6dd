import "server-only";
import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";

// POST /api/v1/disputes's Idempotency-Key: an ERP that retries after a timeout sends the same key,
// and gets the dispute its first request filed instead of a second one. Keys are per store; the
// unique key (store_id, idempotency_key) of the disputes table is what holds when two identical
// requests arrive at once (migration 0044).

export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
export const IDEMPOTENCY_KEY_MAX = 255;

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

function badKey(message: string) {
  return new AppError("invalid_request", `The ${IDEMPOTENCY_KEY_HEADER} header ${message}`, undefined, undefined, [
    { path: IDEMPOTENCY_KEY_HEADER, message },
  ]);
}

/**
 * The request's Idempotency-Key (undefined when it sends none): 1 to 255 printable ASCII
 * characters. One sent empty is refused rather than taken as none: the client means to be
 * protected from a double filing, and a blank key (a template's missing value) would not.
 */
export function readIdempotencyKey(headers: Headers): string | undefined {
  const key = headers.get(IDEMPOTENCY_KEY_HEADER);
  if (key === null) return undefined;
  if (key.trim() === "") throw badKey("is empty; send a unique value per dispute (a UUID), or leave the header out.");
  if (key.length > IDEMPOTENCY_KEY_MAX) throw badKey(`is ${key.length} characters long; it takes at most ${IDEMPOTENCY_KEY_MAX}.`);
  if (!PRINTABLE_ASCII.test(key)) throw badKey("holds a character outside printable ASCII.");
  return key;
}

/** JSON with every object's keys in order, and undefined members left out as JSON does. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The fingerprint of a request as the API read it (its parsed body): the order of its keys, its
 * spacing and a default spelt out (`"amountAtStake": 0`) do not make it another request.
 */
export function requestSha256(request: unknown): string {
  return createHash("sha256").update(canonicalJson(request)).digest("hex");
}

/** A key sent again with another request than the one that filed `disputeId` (409). */
export function idempotencyKeyReused(disputeId: number) {
  return new AppError(
    "conflict",
    `This ${IDEMPOTENCY_KEY_HEADER} was already used to file dispute #${disputeId} with a different request; nothing was filed. Send a new key for a new dispute.`,
    undefined,
    undefined,
    [{ path: IDEMPOTENCY_KEY_HEADER, message: `Already used for dispute #${disputeId} with a different body` }],
  );
}
