import { describe, expect, it } from "vitest";
import { asStaff, makeStore } from "@/tests/factories";
import { refusal } from "@/tests/refusal";
import { createImport, getImport, listImports } from "./run-import";

// Importing data is the owner's (PRODUCT.md §1), reading an import's progress and refused rows
// included: the data layer says so itself, whatever page or route calls it.
describe("who may read an import", () => {
  it("the owner reads one import and the list; staff are refused both", async () => {
    const ctx = await makeStore("improle");
    const job = await createImport(ctx, { kind: "orders", format: "canonical", fileName: "orders.csv", skipInvalid: false });
    expect(await getImport(ctx, job.id)).toMatchObject({ id: job.id, fileName: "orders.csv" });
    expect((await refusal(getImport(asStaff(ctx), job.id))).code).toBe("forbidden");
    expect((await refusal(listImports(asStaff(ctx)))).code).toBe("forbidden");
  });
});
