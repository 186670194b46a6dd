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

  it("caps what a gzip import may unpack to at 1 GiB unless LAOKE_MAX_UNPACKED_BYTES says otherwise", () => {
    expect(readEnv(variables({})).LAOKE_MAX_UNPACKED_BYTES).toBe(1024 ** 3);
    expect(readEnv(variables({ LAOKE_MAX_UNPACKED_BYTES: "1048576" })).LAOKE_MAX_UNPACKED_BYTES).toBe(1048576);
    for (const bad of ["0", "lots", "1.5"]) {
      expect(() => readEnv(variables({ LAOKE_MAX_UNPACKED_BYTES: bad })), bad).toThrow(/^Invalid environment: LAOKE_MAX_UNPACKED_BYTES: /);
    }
  });

  it("keeps evidence in <data dir>/evidence, or where LAOKE_EVIDENCE_DIR says, as an absolute path", () => {
    expect(evidenceDir(variables({}))).toBe(path.resolve("data", "evidence"));
    expect(evidenceDir(variables({ LAOKE_DATA_DIR: "/srv/laoke" }))).toBe("/srv/laoke/evidence");
    expect(evidenceDir(variables({ LAOKE_DATA_DIR: "/srv/laoke", LAOKE_EVIDENCE_DIR: "files/evidence" }))).toBe(path.resolve("files", "evidence"));
  });
});
