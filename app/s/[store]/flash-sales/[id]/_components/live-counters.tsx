"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { FlashSaleStatus } from "@/lib/flash-sales/eligibility";

interface Counters {
  sold: number;
  remaining: number;
  quantity: number;
  status: FlashSaleStatus;
}

const POLL_MS = 2_000;
const REFRESH_MS = 6_000;

/**
 * Sold / remaining, polled from a small route while the sale can still change; when a claim
 * lands the rest of the page (claims over time, buyers) is refreshed too, at most every 6 s.
 */
export function LiveCounters({ pollUrl, initial }: { pollUrl: string; initial: Counters }) {
  const t = useTranslations("flashSales");
  const format = useFormatter();
  const router = useRouter();
  const [counters, setCounters] = useState(initial);
  const lastRefresh = useRef(0);
  const finished = counters.status === "ended" || counters.status === "cancelled";

  useEffect(() => {
    if (finished) return;
    let stop = false;
    const timer = setInterval(async () => {
      try {
        const response = await fetch(pollUrl, { cache: "no-store" });
        if (!response.ok || stop) return;
        const next = (await response.json()) as Counters;
        setCounters((previous) => {
          const changed = previous.sold !== next.sold || previous.status !== next.status || previous.quantity !== next.quantity;
          if (changed && Date.now() - lastRefresh.current > REFRESH_MS) {
            lastRefresh.current = Date.now();
            router.refresh();
          }
          return next;
        });
      } catch {
        // A missed poll is retried on the next tick.
      }
    }, POLL_MS);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [pollUrl, finished, router]);

  const share = counters.quantity > 0 ? counters.sold / counters.quantity : 0;
  return (
    <section aria-labelledby="live-counters" className="rounded-lg border border-stone-200 bg-white p-4" data-testid="live-counters">
      <h2 id="live-counters" className="sr-only">
        {t("soldAndRemaining")}
      </h2>
      <dl className="grid grid-cols-3 gap-4 text-center">
        <div>
          <dt className="text-sm text-stone-500">{t("sold")}</dt>
          <dd className="text-3xl font-semibold tabular-nums" data-testid="sold" aria-live="polite">
            {format.number(counters.sold)}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-stone-500">{t("remaining")}</dt>
          <dd className="text-3xl font-semibold tabular-nums" data-testid="remaining" aria-live="polite">
            {format.number(counters.remaining)}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-stone-500">{t("quantity")}</dt>
          <dd className="text-3xl font-semibold tabular-nums">{format.number(counters.quantity)}</dd>
        </div>
      </dl>
      <div
        className="mt-3 h-2 overflow-hidden rounded-full bg-stone-100"
        role="progressbar"
        aria-label={t("sellThrough")}
        aria-valuemin={0}
        aria-valuemax={counters.quantity}
        aria-valuenow={counters.sold}
      >
        <div className="h-full bg-brand-600" style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      {!finished && <p className="mt-2 text-xs text-stone-500">{t("liveNote")}</p>}
    </section>
  );
}
