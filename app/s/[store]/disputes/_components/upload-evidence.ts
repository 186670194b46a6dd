/** Sends one file as the request body; answers the server's refusal message, or null when kept. */
export async function uploadEvidence(disputeBase: string, file: File): Promise<string | null> {
  try {
    const response = await fetch(`${disputeBase}/evidence?${new URLSearchParams({ name: file.name })}`, { method: "POST", body: file });
    if (response.ok) return null;
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    return body?.error?.message ?? response.statusText;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
