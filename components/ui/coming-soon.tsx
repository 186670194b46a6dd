/** The honest empty state of a feature page whose feature has not landed yet: what will be here. */
export function ComingSoon({ heading, body }: { heading: string; body: string }) {
  return (
    <section className="max-w-2xl rounded-lg border border-dashed border-stone-300 bg-white p-6" aria-labelledby="coming-soon">
      <h2 id="coming-soon" className="text-sm font-semibold uppercase tracking-wide text-stone-500">
        {heading}
      </h2>
      <p className="mt-2 text-stone-700">{body}</p>
    </section>
  );
}
