export function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="flex max-w-full flex-col gap-1 text-sm">
      <span className="font-medium text-stone-700">{label}</span>
      {children}
    </label>
  );
}

export const inputClass = "rounded-md border border-stone-300 bg-white px-3 py-2 text-sm aria-invalid:border-red-600";
