const HERE = "http://laoke.invalid";

/**
 * Where the sign-in page sends the user: the path of this site that its link's callbackUrl
 * names, else the store list. Read as a browser reads it, since "/\evil.com" and "/<tab>/evil.com"
 * begin with one slash yet lead to another site; the path is given back as the parser wrote it.
 * A path the parser writes with two slashes first ("/.//evil.com", "/a/..//evil.com" become
 * "//evil.com") is refused too: given back, the browser read it as another site's address.
 */
export function afterSignIn(callbackUrl: string | undefined): string {
  if (!callbackUrl) return "/s";
  try {
    const url = new URL(callbackUrl, HERE);
    return url.origin === HERE && !url.pathname.startsWith("//") ? url.pathname + url.search + url.hash : "/s";
  } catch {
    return "/s";
  }
}
