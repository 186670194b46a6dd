import { describe, expect, it } from "vitest";
import { displayFileName, downloadFileName, isPlainText, sniffEvidenceType } from "./file-types";

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));

describe("evidence types from the bytes", () => {
  it("knows PNG, JPEG, WebP, PDF and plain text by their contents", () => {
    expect(sniffEvidenceType(bytes([0x89], "PNG\r\n\x1a\n", [0, 0, 0, 13]))?.mediaType).toBe("image/png");
    expect(sniffEvidenceType(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], "JFIF"))?.mediaType).toBe("image/jpeg");
    expect(sniffEvidenceType(bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 "))?.mediaType).toBe("image/webp");
    expect(sniffEvidenceType(bytes("%PDF-1.7\n%\xe2\xe3\xcf\xd3"))?.mediaType).toBe("application/pdf");
    expect(sniffEvidenceType(new TextEncoder().encode("买家聊天记录\r\n2026-03-01 收到空包裹\tok")))?.toEqual({
      mediaType: "text/plain; charset=utf-8",
      extension: "txt",
    });
  });

  it("refuses an executable renamed .png, and other binaries", () => {
    expect(sniffEvidenceType(bytes("MZ", [0x90, 0, 3, 0, 0, 0, 4, 0], "This program cannot be run in DOS mode"))).toBeNull();
    expect(sniffEvidenceType(bytes([0x7f], "ELF", [2, 1, 1, 0]))).toBeNull();
    expect(sniffEvidenceType(bytes("PK", [3, 4, 20, 0]))).toBeNull(); // zip
    expect(sniffEvidenceType(bytes("GIF89a", [1, 0]))).toBeNull(); // GIF is not on the list
    expect(sniffEvidenceType(bytes("RIFF", [0, 0, 0, 0], "WAVEfmt "))).toBeNull(); // RIFF but not WebP
    expect(sniffEvidenceType(bytes([0x89], "PNX\r\n"))).toBeNull();
  });

  it("takes as text only valid UTF-8 without control characters", () => {
    expect(isPlainText(bytes("hello\x00world"))).toBe(false);
    expect(isPlainText(bytes([0xc3, 0x28]))).toBe(false); // broken UTF-8
    expect(isPlainText(bytes("bell\x07"))).toBe(false);
    expect(isPlainText(bytes([0xff, 0xfe], "h\x00i\x00"))).toBe(false); // UTF-16
    expect(isPlainText(new Uint8Array())).toBe(false);
    expect(isPlainText(bytes("line one\nline two\f"))).toBe(true);
  });
});

describe("file names", () => {
  it("keep only the last segment of a path-traversal name, without control characters", () => {
    expect(displayFileName("../../../etc/passwd")).toBe("passwd");
    expect(displayFileName("..\\..\\windows\\system32\\evil.png")).toBe("evil.png");
    expect(displayFileName("/abs/path/聊天记录.txt")).toBe("聊天记录.txt");
    expect(displayFileName("..")).toBe("evidence");
    expect(displayFileName(".hidden")).toBe("hidden");
    expect(displayFileName('a"b<c>\r\nd.pdf')).toBe("abcd.pdf");
    expect(displayFileName("x".repeat(300))).toHaveLength(120);
    // A bidi override would show "invoice\u202Efdp.exe" as "invoiceexe.pdf".
    expect(displayFileName("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    expect(displayFileName("a\u2066b\u0085c.png")).toBe("abc.png");
    expect(displayFileName("📷".repeat(130))).toBe("📷".repeat(120));
  });

  it("download under the extension the bytes prove", () => {
    expect(downloadFileName("photo.png", "jpg")).toBe("photo.jpg");
    expect(downloadFileName("notes", "txt")).toBe("notes.txt");
  });
});
