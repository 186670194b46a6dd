// Stands in for "next/navigation" where a test renders client components outside the app router.
const router = { push() {}, replace() {}, refresh() {}, back() {}, forward() {}, prefetch() {} };
export const useRouter = () => router;
export const usePathname = () => "/";
export const useSearchParams = () => new URLSearchParams();
export function notFound(): never {
  throw new Error("notFound");
}
export function redirect(url: string): never {
  throw new Error(`redirect ${url}`);
}
