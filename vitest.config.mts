import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const shared = {
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside React server bundles; tests run the data layer directly.
      "server-only": path.join(root, "tests", "empty-module.ts"),
    },
  },
};
const dbTests = ["**/*.db.test.ts"];
const excluded = ["node_modules/**", "e2e/**", ".next/**", "data/**"];

// Database tests run on embedded PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set.
const databaseProjects = [
  {
    ...shared,
    test: {
      name: "db:embedded",
      include: dbTests,
      exclude: excluded,
      setupFiles: ["tests/setup-database.ts"],
      env: { LAOKE_TEST_BACKEND: "embedded" },
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          ...shared,
          test: {
            name: "db:postgres",
            include: dbTests,
            exclude: excluded,
            globalSetup: ["tests/migrate-postgres.ts"],
            setupFiles: ["tests/setup-database.ts"],
            env: { LAOKE_TEST_BACKEND: "postgres" },
            testTimeout: 60_000,
            hookTimeout: 120_000,
          },
        },
      ]
    : []),
];

export default defineConfig({
  test: {
    projects: [
      { ...shared, test: { name: "unit", include: ["**/*.test.ts"], exclude: [...excluded, ...dbTests] } },
      ...databaseProjects,
    ],
  },
});
