// The flash-sale part of the bench: a stampede of claims on one sale through the public API,
// from `clients` concurrent clients, against a running app. It creates a product and a live
// sale with an API token of the store, fires `claims` claims from `customers` buyers (1 or 2
// units each, limit 2, a tenth of them retries of an earlier idempotency key), then reads the
// sale back. Prints claims per second, p50/p95 latency and oversold units (must be 0).
// Alone, against an app already running:
//   npx tsx --conditions=react-server scripts/bench/flash-claims.ts <baseUrl> <api token> [clients] [claims]
import { inParallel } from "./http";
import { keepAliveClient } from "./keep-alive";

export interface FlashClaimsBench {
  clients: number;
  requests: number;
  ms: number;
  /** Every answered claim (taken, replayed or refused) per second. */
  claimsPerSecond: number;
  /** Requests per second of the same route refused before the database: the app's ceiling. */
  floorPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  taken: number;
  unitsTaken: number;
  replayed: number;
  refused: Record<string, number>;
  errors: number;
  quantity: number;
  sold: number;
  /** Units handed out beyond the sale's quantity (units taken − quantity, when positive). */
  oversold: number;
  /** True when the sale's own `sold` equals the units the clients were given. */
  consistent: boolean;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

export async function benchFlashClaims(
  baseUrl: string,
  token: string,
  options: { clients?: number; claims?: number; quantity?: number; customers?: number } = {},
): Promise<FlashClaimsBench> {
  const clients = options.clients ?? 64;
  const claims = options.claims ?? 6000;
  const quantity = options.quantity ?? Math.floor(claims * 0.8);
  const customers = options.customers ?? Math.floor(claims / 2);
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const stamp = Date.now().toString(36);
  const post = (path: string, body: unknown) => fetch(`${baseUrl}${path}`, { method: "POST", headers, body: JSON.stringify(body) });

  const product = await post("/api/v1/products", {
    products: [{ externalId: `BENCH-FLASH-${stamp}`, name: `Bench flash ${stamp}`, price: 10_000, floorPrice: 5_000, stock: quantity }],
  });
  if (!product.ok) throw new Error(`creating the product: ${product.status} ${await product.text()}`);
  const sale = await post("/api/v1/flash-sales", {
    productExternalId: `BENCH-FLASH-${stamp}`,
    price: 6_900,
    quantity,
    perCustomerLimit: 2,
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    endsAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
  if (sale.status !== 201) throw new Error(`creating the sale: ${sale.status} ${await sale.text()}`);
  const saleId = ((await sale.json()) as { id: number }).id;

  const request = (i: number) => {
    const n = i % 10 === 9 ? i - 5 : i; // every tenth a retry of an earlier key
    return { customerExternalId: `BF${stamp}-${n % customers}`, quantity: 1 + (n % 2), idempotencyKey: `bench-${n}` };
  };
  const latencies: number[] = [];
  const refused: Record<string, number> = {};
  let taken = 0;
  let unitsTaken = 0;
  let replayed = 0;
  let errors = 0;

  const client = keepAliveClient(baseUrl, clients);
  const started = performance.now();
  await inParallel(claims, clients, async (i) => {
    const t0 = performance.now();
    const response = await client.request("POST", `/api/v1/flash-sales/${saleId}/claims`, { headers, body: JSON.stringify(request(i)) });
    latencies.push(performance.now() - t0);
    const answer = JSON.parse(response.body) as { quantity?: number; error?: { code: string } };
    if (response.status === 201) {
      // The server says which answer repeats a claim; the first to arrive here may be either.
      if (response.headers["idempotent-replayed"] === "true") replayed++;
      else {
        taken++;
        unitsTaken += answer.quantity ?? 0;
      }
    } else if (response.status === 409 && answer.error) refused[answer.error.code] = (refused[answer.error.code] ?? 0) + 1;
    else errors++;
  });
  const ms = performance.now() - started;

  // The same route and load, refused before any database work (a malformed token): what
  // Next.js and this client alone allow here, the ceiling for the claims above.
  const floorStarted = performance.now();
  await inParallel(claims, clients, async (i) => {
    const response = await client.request("POST", `/api/v1/flash-sales/${saleId}/claims`, {
      headers: { ...headers, authorization: "Bearer not-a-token" },
      body: JSON.stringify(request(i)),
    });
    if (response.status !== 401) throw new Error(`the floor request answered ${response.status}, not 401`);
  });
  const floorMs = performance.now() - floorStarted;
  client.close();

  const read = await fetch(`${baseUrl}/api/v1/flash-sales/${saleId}`, { headers });
  const final = (await read.json()) as { sold: number; quantity: number };
  latencies.sort((a, b) => a - b);
  return {
    clients,
    requests: claims,
    ms: Math.round(ms),
    claimsPerSecond: Math.round(claims / (ms / 1000)),
    floorPerSecond: Math.round(claims / (floorMs / 1000)),
    p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
    p95Ms: Math.round(percentile(latencies, 95) * 10) / 10,
    taken,
    unitsTaken,
    replayed,
    refused,
    errors,
    quantity: final.quantity,
    sold: final.sold,
    oversold: Math.max(0, unitsTaken - final.quantity, final.sold - final.quantity),
    consistent: final.sold === unitsTaken,
  };
}

export function describeFlashClaims(label: string, r: FlashClaimsBench): string {
  const target = label.startsWith("postgres") ? ` (target ≥ 1,000/s: ${r.claimsPerSecond >= 1000 ? "PASS" : "MISS"})` : "";
  return (
    `${label}: flash claims, ${r.clients} clients: ${r.claimsPerSecond} claims/s${target}, p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms ` +
    `(the route refusing before the database: ${r.floorPerSecond} requests/s); ` +
    `${r.taken} taken (${r.unitsTaken} units), ${r.replayed} replayed, refused ${JSON.stringify(r.refused)}, ${r.errors} errors; ` +
    `sold ${r.sold}/${r.quantity}, oversold ${r.oversold} (${r.oversold === 0 && r.consistent ? "PASS" : "FAIL"})`
  );
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  const [baseUrl, token, clients, claims] = process.argv.slice(2);
  if (!baseUrl || !token) {
    console.error("usage: scripts/bench/flash-claims.ts <baseUrl> <api token> [clients] [claims]");
    process.exit(2);
  }
  benchFlashClaims(baseUrl, token, { clients: clients ? Number(clients) : undefined, claims: claims ? Number(claims) : undefined })
    .then((r) => console.log(describeFlashClaims(baseUrl, r)))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
