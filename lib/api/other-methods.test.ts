import { describe, expect, it } from "vitest";

// Every route of the API, as Next.js loads it: each answers every method, its own ones (here
// refused for want of a token) or, for the others, the API's 405 naming its own in Allow.
const routes = import.meta.glob<Record<string, unknown>>("../../app/api/v1/**/route.ts");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

type Handler = (request: Request, context: unknown) => Response | Promise<Response>;

function call(route: Record<string, unknown>, method: string): Promise<Response> {
  const handler = route[method] as Handler;
  return Promise.resolve(handler(new Request("http://localhost/api/v1/x", { method }), { params: Promise.resolve({}) }));
}

describe("a method a route does not serve", () => {
  const known = Object.keys(routes).filter((file) => !file.includes("[[...path]]"));

  it("finds the API's routes", () => {
    expect(known.length).toBeGreaterThanOrEqual(18);
  });

  it.each(known.map((file) => [file.replace("../../", ""), file]))(
    "%s answers every method: its own, or a JSON 405 that names them",
    async (_, file) => {
      const route = await routes[file]!();
      const refused = new Map<string, Response>();
      const own: string[] = [];
      for (const method of METHODS) {
        expect(route[method], `${method} is not exported`).toBeTypeOf("function");
        const response = await call(route, method);
        if (response.status === 405) refused.set(method, response);
        else if (response.status === 401) own.push(method);
        else throw new Error(`${method} answered ${response.status}`);
      }
      expect(own.length, "the route's own methods ask for a token").toBeGreaterThan(0);
      // HEAD is the route's GET, which Next.js derives; without a GET it is refused like the rest.
      if (own.includes("GET")) expect(route.HEAD).toBeUndefined();
      else refused.set("HEAD", await call(route, "HEAD"));

      const allow = [...own, ...(own.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
      for (const [method, response] of refused) {
        expect(response.status).toBe(405);
        expect(response.headers.get("allow")).toBe(allow);
        expect(await response.json()).toEqual({
          error: { code: "method_not_allowed", message: `${method} is not allowed on /api/v1/x; it allows ${allow}.`, details: [] },
        });
      }
      const options = await call(route, "OPTIONS");
      expect(options.status).toBe(204);
      expect(options.headers.get("allow")).toBe(allow);
    },
  );
});
