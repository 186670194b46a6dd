"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { afterPoll, isFinished, POLL_MS, type Counters, type PollMemory } from "./live-poll";

/**
 * Sold / remaining, polled from a small route while the sale can still change; the rest of the
 * page (status, claims over time, buyers) is refreshed when the status changes, and for new
 * claims at most every 6 s (live-poll.ts). One poll at a time, the next 2 s after the last
 * answer: on a slow server, polls every 2 s regardless overlapped, and an older answer arriving
 * last set the counters back.
 */
export function LiveCounters({ pollUrl, initial }: { pollUrl: string; initial: Counters }) {
  const t = useTranslations("flashSales");
  const format = useFormatter();
  const router = useRouter();
  const [counters, setCounters] = useState(initial);
  const shown = useRef(initial);
  const memory = useRef<PollMemory>({ lastRefreshAt: 0, refreshOwed: false });
  const finished = isFinished(counters);

  useEffect(() => {
    if (finished) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const response = await fetch(pollUrl, { cache: "no-store" });
        const next = response.ok ? ((await response.json()) as Counters) : null;
        if (stop) return;
        if (next) {
          // Side effects here, not in a state updater (React may run those twice, or during render).
          const decision = afterPoll(shown.current, next, memory.current, Date.now());
          memory.current = decision.memory;
          shown.current = next;
          setCounters(next);
          if (decision.refresh) router.refresh();
          if (isFinished(next)) return;
        }
      } catch {
        // A missed poll is retried on the next one.
      }
      if (!stop) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stop = true;
      clearTimeout(timer);
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
