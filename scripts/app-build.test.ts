import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildApp, buildState } from "./app-build";

// A stand-in project: one source file and a `next` whose "build" writes BUILD_ID, after the
// source is saved again when EDIT_DURING_BUILD says so (an engineer saving while it runs).
function fakeProject(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "laoke-app-build-"));
  fs.mkdirSync(path.join(root, "lib"));
  fs.writeFileSync(path.join(root, "lib", "page.ts"), "export const v = 1;\n");
  const bin = path.join(root, "node_modules", "next", "dist", "bin");
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(
    path.join(bin, "next"),
    `const fs = require("node:fs");
     const wait = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
     wait(50);
     if (process.env.EDIT_DURING_BUILD) fs.writeFileSync("lib/page.ts", "export const v = 2;\\n");
     wait(50);
     fs.mkdirSync(".next", { recursive: true });
     fs.writeFileSync(".next/BUILD_ID", "fake");`,
  );
  return root;
}

const roots: string[] = [];
afterEach(() => {
  delete process.env.EDIT_DURING_BUILD;
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

describe("the app's build check", () => {
  it("builds when there is no build, then finds it current", () => {
    const root = fakeProject();
    roots.push(root);
    expect(buildState(root)).toBe("missing");
    expect(buildApp(root, "pipe").status).toBe(0);
    expect(buildState(root)).toBe("current");
  });

  it("builds again after a source is saved", () => {
    const root = fakeProject();
    roots.push(root);
    buildApp(root, "pipe");
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(root, "lib", "page.ts"), later, later);
    expect(buildState(root)).toBe("stale");
  });

  it("builds again after a source saved while the build ran, which it may not hold", () => {
    const root = fakeProject();
    roots.push(root);
    process.env.EDIT_DURING_BUILD = "1";
    expect(buildApp(root, "pipe").status).toBe(0);
    expect(buildState(root)).toBe("stale");
  });
});
