"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { clockSkew } from "./clock-skew";

/**
 * "starts in 2 h 5 min"-style countdown to `to`, ticking while the page is open. At zero the
 * sale's status has changed: the page is fetched again, so the list moves the sale to its new
 * group and the countdown goes on to its next moment. It stood at "starts in 0 min 0 s" until the
 * merchant reloaded, a scheduled sale still listed under scheduled while it sold.
 */
export function TimeLeft({ to, kind, renderedAt }: { to: string; kind: "earlyOpensIn" | "startsIn" | "endsIn"; renderedAt: number }) {
  const t = useTranslations("flashSales");
  const router = useRouter();
  const target = new Date(to).getTime();
  // Starts from the server's clock so the first paint matches the server's HTML.
  const [now, setNow] = useState(renderedAt);
  const refreshedFor = useRef<string | null>(null);
  useEffect(() => {
    // A browser clock set wrong would count to the wrong moment: the server's clock is followed.
    const skew = clockSkew(renderedAt, Date.now());
    setNow(Date.now() + skew);
    const timer = setInterval(() => setNow(Date.now() + skew), 1_000);
    return () => clearInterval(timer);
  }, [renderedAt]);
  const left = Math.max(0, target - now);
  useEffect(() => {
    // Once per moment; a second late, so the server's clock has passed it too.
    if (left > 0 || refreshedFor.current === to) return;
    const timer = setTimeout(() => {
      refreshedFor.current = to;
      router.refresh();
    }, 1_000);
    return () => clearTimeout(timer);
  }, [left, to, router]);
  const s = Math.floor(left / 1000);
  const [d, h, m, sec] = [Math.floor(s / 86_400), Math.floor((s % 86_400) / 3600), Math.floor((s % 3600) / 60), s % 60];
  const time =
    d > 0 ? t("duration.dh", { d, h }) : h > 0 ? t("duration.hm", { h, m }) : t("duration.ms", { m, s: sec });
  return (
    <time dateTime={to} className="tabular-nums">
      {t(`timeLeft.${kind}`, { time })}
    </time>
  );
}
