export function PageHeader({ title, intro }: { title: string; intro?: string }) {
  return (
    <div className="mb-6">
      <h1 className="text-2xl font-semibold">{title}</h1>
      {intro && <p className="mt-2 max-w-3xl text-stone-600">{intro}</p>}
    </div>
  );
}
