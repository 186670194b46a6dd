import { routeStoreContext } from "@/lib/auth/route-context";
import { productChoices } from "@/lib/pricing/product-choices";

// What a product picker offers as the merchant types (components/ui/product-picker.tsx).
export async function GET(request: Request, { params }: { params: Promise<{ store: string }> }) {
  const ctx = await routeStoreContext((await params).store, "staff");
  if (ctx instanceof Response) return ctx;
  const q = new URL(request.url).searchParams.get("q") ?? "";
  return Response.json({ products: await productChoices(ctx, q) }, { headers: { "cache-control": "no-store" } });
}
