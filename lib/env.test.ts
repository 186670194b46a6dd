import path from "node:path";
import { describe, expect, it } from "vitest";
import { evidenceDir, readEnv } from "./env";

// Next.js's types make NODE_ENV a required variable; readEnv reads only what it is given.
const variables = (values: Record<string, string>) => values as NodeJS.ProcessEnv;

describe("the environment npm start reads", () => {
  it("takes the number of web servers as a whole number of at least one, or leaves it to the default", () => {
    expect(readEnv(variables({ LAOKE_WEB_SERVERS: "3" })).LAOKE_WEB_SERVERS).toBe(3);
    expect(readEnv(variables({})).LAOKE_WEB_SERVERS).toBeUndefined();
    for (const bad of ["0", "two", "1.5", "-2"]) {
      expect(() => readEnv(variables({ LAOKE_WEB_SERVERS: bad })), bad).toThrow(/^Invalid environment: LAOKE_WEB_SERVERS: /);
    }
  });

  it("keeps evidence in <data dir>/evidence, or where LAOKE_EVIDENCE_DIR says, as an absolute path", () => {
    expect(evidenceDir(variables({}))).toBe(path.resolve("data", "evidence"));
    expect(evidenceDir(variables({ LAOKE_DATA_DIR: "/srv/laoke" }))).toBe("/srv/laoke/evidence");
    expect(evidenceDir(variables({ LAOKE_DATA_DIR: "/srv/laoke", LAOKE_EVIDENCE_DIR: "files/evidence" }))).toBe(path.resolve("files", "evidence"));
  });
});
