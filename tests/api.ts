import { createApiToken } from "@/lib/api-tokens/tokens";
import type { StoreContext } from "@/lib/stores/context";

type Handler<P> = (request: Request, route: { params: Promise<P> }) => Promise<Response>;

/** Calls a route handler as the API would be called, with a fresh token of the store. */
export async function apiClient(ctx: StoreContext) {
  const { token } = await createApiToken(ctx, "test");
  return async function call<P = Record<string, string>>(
    handler: Handler<P>,
    options: { method?: string; path?: string; params?: P; body?: unknown } = {},
  ) {
    const request = new Request(`http://laoke.test${options.path ?? "/api/v1/x"}`, {
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const response = await handler(request, { params: Promise.resolve((options.params ?? {}) as P) });
    return { status: response.status, body: (await response.json()) as any };
  };
}
