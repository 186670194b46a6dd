import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite is a WASM build that must be loaded by Node as is; argon2 is a native addon.
  serverExternalPackages: ["@electric-sql/pglite", "argon2", "pg"],
  poweredByHeader: false,
  // LAOKE_DIST_DIR lets two checkouts' e2e runs on one machine keep separate builds.
  distDir: process.env.LAOKE_DIST_DIR || ".next",
  // The app's build checks the app's code; tests and scripts are checked by \`npm run lint\`,
  // so a test being written never stops \`npm start\`.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // forbidden() answers 403 to a staff member on an owner-only page.
  experimental: { authInterrupts: true },
};

export default withNextIntl(nextConfig);
