// A tiny HTTP client for the bench: a cookie jar, the next-auth credentials sign-in, and a
// load runner (N concurrent clients, each reading every response body to the end).
import { keepAliveClient, type KeepAliveClient } from "./keep-alive";

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p% of the values at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(";", 1)[0]!;
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = /;\s*max-age=0\b/i.test(line) || /;\s*expires=Thu, 01 Jan 1970/i.test(line);
      if (value === "" || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

const REQUEST_TIMEOUT_MS = 120_000;

/** Signs in once with next-auth's credentials provider; throws (without retrying) on failure. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<CookieJar> {
  const jar = new CookieJar();
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  if (!csrfResponse.ok) throw new Error(`GET /api/auth/csrf answered ${csrfResponse.status}`);
  jar.take(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken?: string };
  if (!csrfToken) throw new Error("GET /api/auth/csrf gave no csrfToken");
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: baseUrl }).toString(),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  jar.take(response);
  const body = await response.text();
  if (!jar.has("next-auth.session-token") && !jar.has("__Secure-next-auth.session-token")) {
    throw new Error(`Sign-in as ${email} failed (HTTP ${response.status}): ${body.slice(0, 300)}`);
  }
  return jar;
}

export interface FetchResult {
  status: number;
  ms: number;
  body: string;
}

// One kept-alive node:http client per origin (see keep-alive.ts: fetch would cost the client as
// much CPU as the page costs the server, on the same two cores).
const clients = new Map<string, KeepAliveClient>();

function clientFor(origin: string): KeepAliveClient {
  let client = clients.get(origin);
  if (!client) {
    client = keepAliveClient(origin, 64, REQUEST_TIMEOUT_MS);
    clients.set(origin, client);
  }
  return client;
}

/** Closes the kept-alive sockets (before the app stops, or the process can exit). */
export function closeClients(): void {
  for (const client of clients.values()) client.close();
  clients.clear();
}

export async function timedGet(url: string, jar: CookieJar): Promise<FetchResult> {
  const { origin, pathname, search } = new URL(url);
  const started = performance.now();
  // The whole response is read, not just its headers; redirects are not followed.
  const response = await clientFor(origin).request("GET", pathname + search, { headers: { cookie: jar.header(), accept: "text/html" } });
  return { status: response.status, ms: performance.now() - started, body: response.body };
}

export interface LoadResult {
  times: number[];
  /** Times per URL, in the order of the URLs given. */
  byUrl: Map<string, number[]>;
  errors: number;
  firstError: string | null;
  wallMs: number;
}

/**
 * Runs `task(0)` … `task(total - 1)` with `workers` of them in flight: each worker takes the next
 * index as soon as its previous task is done.
 */
export async function inParallel(total: number, workers: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < total; i = next++) await task(i);
  };
  await Promise.all(Array.from({ length: Math.max(1, workers) }, worker));
}

/**
 * `total` GETs spread round-robin over `urls`, `concurrency` at a time (each client sends its
 * next request as soon as it has read the previous response). Non-200 answers count as errors.
 */
export async function runLoad(urls: string[], jar: CookieJar, total: number, concurrency: number): Promise<LoadResult> {
  const result: LoadResult = { times: [], byUrl: new Map(urls.map((u) => [u, []])), errors: 0, firstError: null, wallMs: 0 };
  const started = performance.now();
  await inParallel(total, concurrency, async (i) => {
    const url = urls[i % urls.length]!;
    try {
      const { status, ms, body } = await timedGet(url, jar);
      if (status !== 200) {
        result.errors++;
        result.firstError ??= `${url} answered ${status}: ${body.slice(0, 200)}`;
        return;
      }
      result.times.push(ms);
      result.byUrl.get(url)!.push(ms);
    } catch (error) {
      result.errors++;
      result.firstError ??= `${url}: ${error instanceof Error ? error.message : String(error)}`;
    }
  });
  result.wallMs = performance.now() - started;
  return result;
}

/** The href of the first `<a … rel="next" …>` in a page, decoded, or null. */
export function nextLink(html: string): string | null {
  for (const match of html.matchAll(/<a\b[^>]*>/g)) {
    const tag = match[0];
    if (!/\brel="next"/.test(tag)) continue;
    const href = /\bhref="([^"]*)"/.exec(tag)?.[1];
    if (href) return href.replace(/&amp;/g, "&").replace(/&#x27;/g, "'").replace(/&quot;/g, '"');
  }
  return null;
}
