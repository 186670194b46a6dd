import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate, LoginError } from "./authenticate";
import { revokeSession } from "./revoked-sessions";

/**
 * The client's address for the per-address sign-in limit: the last one in X-Forwarded-For, the
 * one the proxy in front of the app added. The entries before it are whatever the client sent,
 * and a client changing them on every try would have escaped the limit (or put another
 * address over it).
 */
export function clientAddress(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  const last = typeof forwarded === "string" ? forwarded.split(",").at(-1)?.trim() : undefined;
  return last || null;
}

export const authOptions: NextAuthOptions = {
  // JWT sessions signed with NEXTAUTH_SECRET (kept in the data directory by `npm start`),
  // so a session survives a server restart.
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "email",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        if (!credentials?.email || !credentials.password) throw new Error("invalid");
        try {
          const user = await authenticate(credentials.email, credentials.password, clientAddress(req.headers));
          return { id: String(user.id), email: user.email, name: user.name };
        } catch (error) {
          // next-auth hands the message to the sign-in form as its `error`.
          if (error instanceof LoginError) throw new Error(error.reason);
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sid = randomUUID();
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === "number") session.user.id = token.uid;
      return session;
    },
  },
  events: {
    // The browser drops its cookie, but the JWT in it stays valid for 30 days wherever else it
    // was kept (a copy from a shared computer, a proxy's log): revoked, it opens nothing.
    async signOut({ token }) {
      if (typeof token?.uid === "number" && typeof token.sid === "string" && typeof token.exp === "number") {
        await revokeSession({ sessionId: token.sid, userId: token.uid, expiresAt: new Date(token.exp * 1000) });
      }
    },
  },
};
