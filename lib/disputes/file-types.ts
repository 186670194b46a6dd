// Evidence file types, told from the bytes alone: a name or a declared type proves nothing
// (an .exe renamed .png starts with "MZ", not PNG's signature, and is refused).

export interface EvidenceType {
  mediaType: "image/png" | "image/jpeg" | "image/webp" | "application/pdf" | "text/plain; charset=utf-8";
  extension: "png" | "jpg" | "webp" | "pdf" | "txt";
}

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** PNG, JPEG, WebP or PDF by magic number, or null (the caller then checks for plain text). */
export function sniffBinaryType(head: Uint8Array): EvidenceType | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mediaType: "image/png", extension: "png" };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { mediaType: "image/jpeg", extension: "jpg" };
  if (startsWith(head, ascii("RIFF")) && startsWith(head, ascii("WEBP"), 8)) return { mediaType: "image/webp", extension: "webp" };
  if (startsWith(head, ascii("%PDF-"))) return { mediaType: "application/pdf", extension: "pdf" };
  return null;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Plain text: valid UTF-8 with no control characters but tab, line feed, form feed and carriage
 * return. Binaries (executables, archives, UTF-16…) fail on their NUL bytes or bad sequences.
 */
export function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return false;
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f) return false;
  }
  return true;
}

export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | null {
  return sniffBinaryType(bytes.subarray(0, 16)) ?? (isPlainText(bytes) ? { mediaType: "text/plain; charset=utf-8", extension: "txt" } : null);
}

/**
 * The name shown for a file: the last path segment of what the user sent, without control
 * characters, at most 120 characters. Display only: files on disk get names the server chooses.
 */
export function displayFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? "";
  // Control characters and bidi overrides are dropped: "invoice\u202Efdp.exe" displayed as
  // "invoiceexe.pdf", a name in dispute evidence that lied about the file. 120 characters, never
  // half an emoji.
  const clean = last
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069"<>|:*?]/g, "")
    .replace(/^\.+/, "")
    .trim();
  return Array.from(clean).slice(0, 120).join("") || "evidence";
}

/** The name a download is saved under: the display name with the extension its bytes prove. */
export function downloadFileName(fileName: string, extension: string): string {
  const base = fileName.replace(/\.[A-Za-z0-9]{1,5}$/, "") || "evidence";
  return `${base}.${extension}`;
}
