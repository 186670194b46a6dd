/** What to say where the server gave no reason the reader can read. */
export interface UploadWords {
  /** The server answered with an error but no message of ours (a proxy's 502, say). */
  refused: string;
  /** The file never reached the server (offline, connection reset). */
  unreachable: string;
}

/**
 * Sends one file as the request body; answers the server's refusal message (in the reader's
 * language), or null when kept. Never the HTTP status text or the browser's English.
 */
export async function uploadEvidence(disputeBase: string, file: File, words: UploadWords): Promise<string | null> {
  let response: Response;
  try {
    response = await fetch(`${disputeBase}/evidence?${new URLSearchParams({ name: file.name })}`, { method: "POST", body: file });
  } catch {
    return words.unreachable;
  }
  if (response.ok) return null;
  const body = (await response.json().catch(() => null)) as { error?: { message?: unknown } } | null;
  const message = body?.error?.message;
  return typeof message === "string" && message !== "" ? message : words.refused;
}
