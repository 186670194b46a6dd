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
  // No page of the console may be framed by another site (a framed settings page could be
  // clicked into revoking a token or removing a staff member), nothing is run under a type the
  // browser guessed, and a link followed out of the console does not carry its paths away.
  // The framing is refused by X-Frame-Options, which every browser honours, not by a
  // Content-Security-Policy here: that one would replace a response's own (an evidence
  // download's sandbox) rather than join it.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
