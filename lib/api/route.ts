import { z } from "zod";
import { MAX_BATCH, oversizedBatch } from "@/lib/api/batch";
import { createRateLimiter, type RateDecision } from "@/lib/api/rate-limit";
import { authenticateApiToken } from "@/lib/api-tokens/tokens";
import { AppError, notFound, type ErrorDetail } from "@/lib/errors";
import type { StoreContext } from "@/lib/stores/context";
import { readEnv } from "@/lib/env";
import { parsePathId } from "@/lib/path-id";
import { anyMalformed } from "@/lib/validation/malformed";
import { forbiddenCharacterMessage, forbiddenCharacterPaths } from "@/lib/validation/forbidden-characters";

// The one wrapper of every /api/v1 route handler: bearer token → store, the store's rate limit,
// body size limit, JSON + zod validation, and PRODUCT.md §8's error format for everything that
// goes wrong.

export function errorResponse(status: number, code: string, message: string, details: ErrorDetail[] = []) {
  return Response.json({ error: { code, message, details } }, { status });
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Handler = (request: Request) => Response;

/**
 * Handlers for the methods a route does not serve, exported beside its own
 * (`export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET")`): a 405 in the API's
 * error format, and an OPTIONS, that name the methods the route serves (in the Allow header too).
 * Without them Next.js answers a bodiless 405 itself, and its OPTIONS would name every method
 * exported here. HEAD is the route's GET (Next.js derives it), or a 405 where there is no GET.
 */
export function otherMethods(...own: Method[]): Record<Method | "HEAD" | "OPTIONS", Handler> {
  const allow = [...own, ...(own.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const refuse = (request: Request) => {
    const response = errorResponse(405, "method_not_allowed", `${request.method} is not allowed on ${new URL(request.url).pathname}; it allows ${allow}.`);
    response.headers.set("allow", allow);
    return response;
  };
  const options = () => new Response(null, { status: 204, headers: { allow } });
  return { GET: refuse, HEAD: refuse, POST: refuse, PUT: refuse, PATCH: refuse, DELETE: refuse, OPTIONS: options };
}

function refuseForbidden(where: string, found: { path: string; char: string }[]) {
  return errorResponse(
    400,
    "invalid_request",
    `${where} holds a character no text here may contain (a control or bidirectional formatting character, or half a surrogate pair).`,
    found.map(({ path, char }) => ({ path, message: forbiddenCharacterMessage(char) })),
  );
}

// What JSON.parse found (its position), and the sender's own Content-Type when that is not JSON:
// `curl -d` sends a form type, `-F` a multipart one, and the body is then not what the script meant.
function notJson(request: Request, error: unknown) {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  const sentAs = type && !/^application\/(.+\+)?json$/.test(type) ? ` It was sent as ${type}; send JSON, with Content-Type: application/json.` : "";
  const details = error instanceof SyntaxError ? [{ path: "", message: error.message }] : [];
  return errorResponse(400, "invalid_json", `The request body is not valid JSON.${sentAs}`, details);
}

function zodDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

/**
 * A schema's refusal of the request's `what` ("body", "query"): 400 when it is malformed, 422 when
 * it reads well but breaks a rule (the one rule is lib/validation/malformed.ts's). The message
 * names the first issue and where it is (`orders.3.quantity`), the details every one.
 */
function schemaRefusal(what: string, error: z.ZodError): AppError {
  const details = zodDetails(error);
  const first = details[0];
  const where = first ? `: ${first.path ? `${first.path}: ` : ""}${first.message}${details.length > 1 ? ` (and ${details.length - 1} more, see details)` : ""}` : ".";
  return anyMalformed(error.issues)
    ? new AppError("invalid_request", `The request's ${what} does not match what this route takes${where}`, undefined, undefined, details)
    : new AppError("invalid", `The request's ${what} breaks a rule of this route${where}`, undefined, undefined, details);
}

/** Reads the body's bytes, refusing (413) once they pass `maxBytes`, whatever Content-Length says. */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooLarge = () =>
    new AppError("too_large", `The request body is larger than ${maxBytes} bytes.`, "errors.tooLarge", { max: maxBytes });
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

// JSON is UTF-8 (RFC 8259). Read leniently, a body an ERP wrote in GBK saved its Chinese names as
// U+FFFD "����" with a 200; a byte-order mark (as .NET and PowerShell write one) is let through, as
// the CSV imports let it.
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The body as text, or null when its bytes are not UTF-8. */
function utf8Text(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** The offset of the first byte that begins no UTF-8 character (a U+FFFD of the lenient decoding that the body did not hold). */
function firstNonUtf8Byte(bytes: Buffer): number {
  const lenient = bytes.toString("utf8");
  let at = 0;
  for (const char of lenient) {
    if (char === "\uFFFD" && !(bytes[at] === 0xef && bytes[at + 1] === 0xbf && bytes[at + 2] === 0xbd)) return at;
    at += Buffer.byteLength(char);
  }
  return at;
}

function notUtf8(request: Request, bytes: Buffer) {
  const at = firstNonUtf8Byte(bytes);
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers.get("content-type") ?? "")?.[1]?.toLowerCase();
  const sentAs = charset && charset !== "utf-8" && charset !== "utf8" ? ` It was sent as ${charset};` : "";
  return errorResponse(
    400,
    "invalid_json",
    `The request body is not UTF-8 text.${sentAs} JSON is read as UTF-8: encode the body so (the text of Chinese names too).`,
    [{ path: "", message: `byte ${at} (0x${bytes[at]!.toString(16).toUpperCase().padStart(2, "0")}) begins no UTF-8 character` }],
  );
}

/**
 * A route's query, read strictly: a parameter the route does not take (`?teir=gold`, `?skip_invalid=`,
 * anything at all on a route that takes none) is refused by name (400) rather than ignored, which
 * would have answered another question than the one asked; a known one left blank is not given.
 * `prepare` turns the raw parameters into what the schema reads (the customers list drops values
 * no text may hold).
 */
function parseQuery<Q extends z.ZodObject>(params: URLSearchParams, { schema, prepare }: QueryOption<Q>): z.output<Q> {
  const takes = Object.keys(schema.shape);
  const unknown = [...new Set(params.keys())].filter((name) => !takes.includes(name));
  if (unknown.length > 0) {
    const named = unknown.map((name) => JSON.stringify(name)).join(", ");
    const what = takes.length === 0 ? "this route takes no query parameters" : `this route takes ${takes.join(", ")}`;
    throw new AppError(
      "invalid_request",
      `Unknown query parameter${unknown.length === 1 ? "" : "s"} ${named}; ${what}.`,
      undefined,
      undefined,
      unknown.map((name) => ({ path: name, message: "unknown query parameter" })),
    );
  }
  // Read as one value, `?tier=gold&tier=silver` answered silver alone where gold or silver was asked.
  const repeated = takes.filter((name) => params.getAll(name).length > 1);
  if (repeated.length > 0) {
    throw new AppError(
      "invalid_request",
      `Each query parameter is taken once; ${repeated.map((name) => `"${name}" is given ${params.getAll(name).length} times`).join(", ")}.`,
      undefined,
      undefined,
      repeated.map((name) => ({ path: name, message: "given more than once" })),
    );
  }
  // A blank parameter (`?customer=`, `?format=`, as a template or a form sends it) is one not
  // given, on every route: `price?customer=` answered 422 "too small".
  const raw = Object.fromEntries([...params].filter(([, value]) => value !== ""));
  const parsed = schema.safeParse(prepare ? prepare(raw) : raw);
  if (!parsed.success) throw schemaRefusal("query", parsed.error);
  return parsed.data;
}

interface QueryOption<Q extends z.ZodObject> {
  schema: Q;
  prepare?: (raw: Record<string, string>) => Record<string, unknown>;
}

const noQuery: QueryOption<z.ZodObject<{}>> = { schema: z.object({}) };

/** A record's id in the path as the API gives it out (`parsePathId`), else the route's 404. */
export function pathId(text: string, notFoundMessage: string): number {
  const id = parsePathId(text);
  if (id === null) throw notFound(notFoundMessage);
  return id;
}

interface HandlerArgs<B, P, Q> {
  ctx: StoreContext;
  body: B;
  params: P;
  query: Q;
  request: Request;
}

/**
 * `query` is what the route reads from its query string; a route without one takes none, and any
 * parameter sent to it is refused by name like a misspelt one.
 */
export function apiRoute<S extends z.ZodType | undefined, P = Record<string, string>, Q extends z.ZodObject = z.ZodObject<{}>>(
  options: { body?: S; query?: QueryOption<Q> },
  handler: (args: HandlerArgs<S extends z.ZodType ? z.output<S> : undefined, P, z.output<Q>>) => Promise<Response | object>,
) {
  const serve = async (ctx: StoreContext, request: Request, route: { params: Promise<P> }): Promise<Response> => {
    try {
      const params = await route.params;
      const searchParams = new URL(request.url).searchParams;
      const inUrl = [...forbiddenCharacterPaths(params ?? {}), ...forbiddenCharacterPaths(Object.fromEntries(searchParams))];
      if (inUrl.length > 0) return refuseForbidden("The request's path or query", inUrl);
      const query = parseQuery(searchParams, options.query ?? (noQuery as unknown as QueryOption<Q>));
      let body: unknown = undefined;
      if (options.body) {
        // A compressed body read as it came was refused as "not valid JSON" with its gzip header
        // quoted as the token found: say what was sent and how to send it.
        const encoding = request.headers.get("content-encoding")?.trim().toLowerCase();
        if (encoding && encoding !== "identity") {
          return errorResponse(
            400,
            "invalid_request",
            `The request body was sent with Content-Encoding: ${encoding}, which this route does not unpack; send the JSON uncompressed.`,
            [{ path: "Content-Encoding", message: `${encoding} is not taken` }],
          );
        }
        const bytes = await readBodyBytes(request, readEnv().LAOKE_MAX_BODY_BYTES);
        const text = utf8Text(bytes);
        if (text === null) return notUtf8(request, bytes);
        let json: unknown;
        try {
          // No body at all is an empty object: `POST /scores/recompute` with nothing to say.
          json = text.trim() === "" ? {} : JSON.parse(text);
        } catch (error) {
          return notJson(request, error);
        }
        const inBody = forbiddenCharacterPaths(json);
        if (inBody.length > 0) return refuseForbidden("The request body", inBody);
        const parsed = options.body.safeParse(json);
        if (!parsed.success) {
          // A batch longer than a request takes is too large, as a body over its byte limit is:
          // 413, whatever else its records got wrong.
          const oversized = oversizedBatch(parsed.error);
          if (oversized) {
            const { key, message } = oversized;
            return errorResponse(413, "too_large", `A request takes at most ${MAX_BATCH} ${key}; send the rest in further requests.`, [{ path: key, message }]);
          }
          return failure(schemaRefusal("body", parsed.error));
        }
        body = parsed.data;
      }
      const result = await handler({ ctx, body: body as never, params, query, request });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      return failure(error);
    }
  };

  return async (request: Request, route: { params: Promise<P> }): Promise<Response> => {
    let ctx: StoreContext;
    try {
      ctx = await authenticateApiToken(request.headers.get("authorization"));
    } catch (error) {
      return failure(error);
    }
    const rate = takeApiRequest(ctx.store.id);
    const response = rate.allowed ? await serve(ctx, request, route) : tooManyRequests(rate);
    if (rate.limit > 0) {
      response.headers.set("ratelimit-limit", String(rate.limit));
      response.headers.set("ratelimit-remaining", String(rate.remaining));
    }
    return response;
  };
}

const takeApiRequest = createRateLimiter(() => readEnv().LAOKE_API_RATE_PER_SECOND);

function tooManyRequests(rate: RateDecision) {
  const response = errorResponse(
    429,
    "rate_limited",
    `Too many requests for this store: the API takes ${rate.perSecond} a second (${rate.limit} at once). Try again in ${rate.retryAfterSeconds} s.`,
  );
  response.headers.set("retry-after", String(rate.retryAfterSeconds));
  return response;
}

function failure(error: unknown) {
  if (error instanceof AppError) return errorResponse(error.status, error.code, error.message, error.details);
  if (error instanceof z.ZodError) return failure(schemaRefusal("input", error));
  const ref = crypto.randomUUID().slice(0, 8);
  console.error(`[api ${ref}]`, error);
  return errorResponse(500, "internal", `Something went wrong on our side (reference ${ref}).`);
}
