"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

export function LoginForm({ next }: { next: string }) {
  const t = useTranslations("login");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<"email" | "password" | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The button is aria-disabled, not disabled, while signing in: focus stays on it.
    if (pending) return;
    const form = new FormData(event.currentTarget);
    // An empty field is asked for here: sent, it came back as "wrong email or password" (and
    // counted as a failed sign-in).
    const empty = (["email", "password"] as const).find((name) => String(form.get(name) ?? "").trim() === "") ?? null;
    setMissing(empty);
    if (empty) {
      setError(t(empty === "email" ? "emailMissing" : "passwordMissing"));
      event.currentTarget.querySelector<HTMLInputElement>(`input[name=${empty}]`)?.focus();
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (result?.ok && !result.error) {
        router.replace(next);
        router.refresh();
        return;
      }
      setError(result?.error === "locked" ? t("locked") : result?.error === "invalid" ? t("invalid") : t("failed"));
    } catch {
      setError(t("failed"));
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="mt-4 space-y-4" noValidate>
      <label className="block text-sm">
        <span className="font-medium">{t("email")}</span>
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          aria-invalid={missing === "email" || undefined}
          aria-describedby={missing === "email" ? "login-error" : undefined}
          autoFocus
          className="mt-1 block w-full rounded-md border border-stone-300 px-3 py-2"
        />
      </label>
      <label className="block text-sm">
        <span className="font-medium">{t("password")}</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={missing === "password" || undefined}
          aria-describedby={missing === "password" ? "login-error" : undefined}
          className="mt-1 block w-full rounded-md border border-stone-300 px-3 py-2"
        />
      </label>
      {error && (
        <p role="alert" id="login-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <button
        type="submit"
        aria-disabled={pending}
        className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 aria-disabled:opacity-60"
      >
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
