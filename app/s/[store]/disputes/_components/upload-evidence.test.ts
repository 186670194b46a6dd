import { afterEach, describe, expect, it, vi } from "vitest";
import { uploadEvidence } from "./upload-evidence";

const words = { refused: "服务器没有保存这个文件，请重试。", unreachable: "文件没有传到服务器，请检查网络后重试。" };
const file = new File(["%PDF-1.4"], "文件.pdf", { type: "application/pdf" });

describe("an evidence upload's answer", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("is the server's own message, in the reader's language", async () => {
    vi.stubGlobal("fetch", async () => Response.json({ error: { code: "invalid", message: "文件为空。" } }, { status: 422 }));
    expect(await uploadEvidence("/s/demo/disputes/1", file, words)).toBe("文件为空。");
  });

  it("never the HTTP status text or the browser's English", async () => {
    vi.stubGlobal("fetch", async () => new Response("<html>Bad Gateway</html>", { status: 502, statusText: "Bad Gateway" }));
    expect(await uploadEvidence("/s/demo/disputes/1", file, words)).toBe(words.refused);
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    expect(await uploadEvidence("/s/demo/disputes/1", file, words)).toBe(words.unreachable);
  });

  it("is nothing when the file is kept", async () => {
    vi.stubGlobal("fetch", async () => Response.json({ id: 1 }, { status: 201 }));
    expect(await uploadEvidence("/s/demo/disputes/1", file, words)).toBeNull();
  });
});
