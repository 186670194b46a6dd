export default function Loading() {
  return (
    <div aria-busy="true" className="animate-pulse space-y-4">
      <div className="h-8 w-48 rounded bg-stone-200" />
      <div className="h-32 rounded bg-stone-200" />
    </div>
  );
}
