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
  /** Set once the sale is over and the units it did not sell went back to the product's stock. */
  returnedUnits: number | null;
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
        {t(counters.returnedUnits === null ? "soldAndRemaining" : "soldAndReturned")}
      </h2>
      <dl className="grid grid-cols-3 gap-4 text-center">
        <Counter label={t("sold")} value={format.number(counters.sold)} testId="sold" live />
        {counters.returnedUnits === null ? (
          <Counter label={t("remaining")} value={format.number(counters.remaining)} testId="remaining" live />
        ) : (
          // Over: nothing is left to sell; what was left is the product's stock again.
          <Counter label={t("returnedUnits")} value={format.number(counters.returnedUnits)} testId="returned" />
        )}
        <Counter label={t("quantity")} value={format.number(counters.quantity)} />
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
      {counters.returnedUnits !== null && (
        <p className="mt-2 text-sm text-stone-600" data-testid="returned-note">
          {t("returnedNote", { count: counters.returnedUnits })}
        </p>
      )}
    </section>
  );
}

function Counter({ label, value, testId, live = false }: { label: string; value: string; testId?: string; live?: boolean }) {
  return (
    <div>
      <dt className="text-sm text-stone-500">{label}</dt>
      <dd className="text-3xl font-semibold tabular-nums" data-testid={testId} aria-live={live ? "polite" : undefined}>
        {value}
      </dd>
    </div>
  );
}
