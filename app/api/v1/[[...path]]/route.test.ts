import { describe, expect, it } from "vitest";
import * as catchAll from "./route";

// Unknown paths under /api/v1 answer 404 in the API's error format, whatever the method.

describe("an unknown /api/v1 path", () => {
  it.each(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const)("answers %s with a JSON 404", async (method) => {
    const request = new Request("http://laoke.test/api/v1/custmers/42?x=1", {
      method,
      headers: { authorization: "Bearer whatever", "content-type": "application/json" },
      ...(method === "GET" || method === "OPTIONS" ? {} : { body: "{}" }),
    });
    const response = await catchAll[method](request);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      error: { code: "not_found", message: `There is no API endpoint ${method} /api/v1/custmers/42.`, details: [] },
    });
  });
});
