import { Fragment } from "react";
import { getFormatter, getTranslations } from "@/lib/i18n/server";
import { storeTimes } from "@/lib/i18n/store-time-text";
import { PageHeader } from "@/components/ui/page-header";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { requireStore } from "@/lib/auth/session";
import { listImports } from "@/lib/imports/run-import";
import { errorsOfFirstGroups } from "@/lib/imports/error-summary";
import { importPageView, type ImportView } from "@/lib/imports/view";
import { ImportResult } from "./_components/import-result";
import { ImportUploader } from "./_components/import-uploader";

export async function generateMetadata() {
  return { title: (await getTranslations("imports"))("title") };
}

const canonicalHeaders = {
  orders: "orderExternalId,customerExternalId,customerName,placedAt,status,groupBuy,productExternalId,productName,quantity,unitPrice",
  returns: "externalId,customerExternalId,orderExternalId,type,amount,requestedAt,status",
  reviews: "externalId,customerExternalId,orderExternalId,productExternalId,rating,hasPhotos,likes,createdAt",
  shares: "externalId,customerExternalId,productExternalId,sharedAt,conversions",
};

/**
 * An import's result in the history: only the errors of the reasons it shows go to the browser
 * (50 imports of up to 1,000 kept errors each went whole), with how many the import kept.
 */
function HistoryResult({ view, errorsHref, reportName }: { view: ImportView; errorsHref: string; reportName: string }) {
  return <ImportResult job={{ ...view, errors: errorsOfFirstGroups(view.errors) }} listedErrors={view.errors.length} errorsHref={errorsHref} reportName={reportName} />;
}

export default async function ImportsPage({ params }: { params: Promise<{ store: string }> }) {
  const ctx = await requireStore((await params).store, "owner");
  const base = `/s/${ctx.store.slug}/imports`;
  const [history, t, tAll, format] = await Promise.all([listImports(ctx), getTranslations("imports"), getTranslations(), getFormatter()]);
  const storeTime = storeTimes(tAll, format, ctx.store.timezone);
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <ImportUploader base={base} />
      <details className="mt-3 text-sm text-stone-600">
        <summary className="cursor-pointer">{t("headersHelp")}</summary>
        <dl className="mt-2 space-y-1">
          {Object.entries(canonicalHeaders).map(([kind, headers]) => (
            <div key={kind}>
              <dt className="font-medium">{t(`kinds.${kind as keyof typeof canonicalHeaders}`)}</dt>
              <dd>
                {/* Lines break after a comma, never inside a column's name (break-all cut "unitPrice" in two). */}
                <code className="wrap-anywhere" data-testid={`headers-${kind}`}>
                  {headers.split(",").map((name, i) => (
                    <Fragment key={name}>
                      {i > 0 && (
                        <>
                          ,<wbr />
                        </>
                      )}
                      {name}
                    </Fragment>
                  ))}
                </code>
              </dd>
            </div>
          ))}
        </dl>
        <p className="mt-2">{t("cliHelp", { store: ctx.store.slug })}</p>
      </details>

      <section className="mt-8" aria-labelledby="history">
        <h2 id="history" className="mb-3 text-lg font-semibold">
          {t("history")}
        </h2>
        {history.length === 0 ? (
          <p className="rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-600">{t("noHistory")}</p>
        ) : (
          // On a phone the table is the file and its result: its time, kind and rows stand under the
          // file's name, as a flash sale's id stands under its product (five columns there put the
          // status and the result off the screen, behind a sideways scroll). Wider, a column each;
          // in between, it scrolls in its box, which the keyboard can reach and scroll. Only then is
          // it named as scrolling (a phone's screen reader said "scrolls sideways" of a table that fits).
          <ScrollRegion className="rounded-lg border border-stone-200 bg-white" title={t("history")}>
            <table className="w-full text-left text-sm">
              <thead className="border-b border-stone-200 bg-stone-50 whitespace-nowrap text-stone-600">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium max-sm:hidden">{t("when")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("fileName")}</th>
                  <th scope="col" className="px-3 py-2 font-medium max-sm:hidden">{t("kind")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium max-sm:hidden">{t("rows")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("result")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {history.map((job) => {
                  const when = storeTime(job.createdAt);
                  const kind = t("kindFormat", { kind: t(`kinds.${job.kind}`), format: t(`formatNames.${job.format}`) });
                  return (
                    <tr key={job.id} className="align-top" data-testid="import-row">
                      <td className="px-3 py-2 whitespace-nowrap max-sm:hidden">{when}</td>
                      {/* Wide enough for a usual name on one line (the result beside it took all the width and
                          broke "orders.csv" mid-word); a longer one still wraps anywhere. */}
                      <th scope="row" className="w-2/5 px-3 py-2 font-normal [overflow-wrap:anywhere] sm:w-auto sm:min-w-64">
                        <span data-testid="import-file">{job.fileName}</span>
                        <span className="block text-xs text-stone-500 sm:hidden" data-testid="import-file-details">
                          <span className="block">{when}</span>
                          <span className="block">{kind}</span>
                          <span className="block">{t("rowCount", { count: job.processedRows })}</span>
                        </span>
                      </th>
                      <td className="px-3 py-2 whitespace-nowrap max-sm:hidden" data-testid="import-kind">
                        {kind}
                      </td>
                      <td className="px-3 py-2 text-right tabular-nums max-sm:hidden" data-testid="import-rows">{format.number(job.processedRows)}</td>
                      <td className="px-3 py-2 sm:min-w-56" data-testid="import-outcome">
                        <p className="font-medium">{t(`status.${job.status}`)}</p>
                        {(job.status === "succeeded" || job.status === "failed") && (
                          <HistoryResult
                            view={importPageView(job, tAll)}
                            errorsHref={`${base}/${job.id}/errors`}
                            reportName={t("errorReportOf", { file: job.fileName, when })}
                          />
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </>
  );
}
