import { errorResponse } from "@/lib/api/route";

// Any path under /api/v1 that no route handles: the API's JSON error format, not Next's HTML
// 404 page. (A known path with a method it does not serve answers 405 from its own route:
// see otherMethods.)

function unknownEndpoint(request: Request): Response {
  const { pathname } = new URL(request.url);
  return errorResponse(404, "not_found", `There is no API endpoint ${request.method} ${pathname}.`);
}

export const GET = unknownEndpoint;
export const HEAD = unknownEndpoint;
export const POST = unknownEndpoint;
export const PUT = unknownEndpoint;
export const PATCH = unknownEndpoint;
export const DELETE = unknownEndpoint;
export const OPTIONS = unknownEndpoint;
