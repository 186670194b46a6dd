import v8 from "node:v8";
import vm from "node:vm";
import { expect, it, vi } from "vitest";

// The render's cache signal, as React's cacheSignal() gives it during a server render.
const render = { controller: new AbortController() };
vi.mock("react", () => ({ cacheSignal: () => render.controller.signal }));
const { releaseFinishedRender } = await import("./release-finished-render");

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

/** What React does when a render completes: aborts the signal with an Error made while the render's objects run. */
function finishRender(): WeakRef<object> {
  const state = {
    rows: new Array(100_000).fill(0),
    complete() {
      render.controller.abort(new Error("This render completed successfully."));
    },
  };
  state.complete();
  return new WeakRef(state);
}

async function isCollected(ref: WeakRef<object>): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, 0)); // a WeakRef keeps its target until the job ends
  gc();
  return ref.deref() === undefined;
}

it("lets a finished render's objects go while its signal is still referenced", async () => {
  render.controller = new AbortController();
  releaseFinishedRender();
  const state = finishRender();
  expect(await isCollected(state)).toBe(true);
});

it("(the retention it undoes: without it the abort error's stack keeps them)", async () => {
  render.controller = new AbortController();
  const state = finishRender();
  expect(await isCollected(state)).toBe(false);
});
