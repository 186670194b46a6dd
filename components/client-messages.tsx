import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";

type Messages = Record<string, unknown>;

/**
 * What every page's client components use: the header's language switch and sign-out, error
 * boundaries, the names of a table's box (ScrollRegion).
 */
const SHELL_NAMESPACES = ["shell", "errors", "app.tableRegion", "app.tableRegionFits"];

function pick(messages: Messages, path: string, into: Messages) {
  const [head, ...rest] = path.split(".");
  const value = messages[head!];
  if (value === undefined) return;
  if (rest.length === 0) into[head!] = value;
  else pick(value as Messages, rest.join("."), (into[head!] ??= {}) as Messages);
}

/**
 * Gives the client components below it only the messages they use (`namespaces`, dotted paths
 * allowed, besides the shell's). Without it every page carried the whole catalogue to the
 * browser, 26 KB, serialised on the server on every request: a quarter of a light page's render.
 * A provider nearer the page replaces the one above it, so each section names all it needs.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: string[]; children: React.ReactNode }) {
  const all = (await getMessages()) as Messages;
  const messages: Messages = {};
  for (const path of [...SHELL_NAMESPACES, ...namespaces]) pick(all, path, messages);
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}
