import { Fragment } from "react";

/**
 * An e-mail address that a narrow column may break only after its "@" or a ".": breaking anywhere,
 * a phone's table ended a line inside a word ("staff@newshop.tes" over "t"). A part is broken
 * only when it alone is wider than its column ("verylongsubsidiaryname." beside English headers
 * on a phone): kept whole, it took the page sideways. overflow-wrap is `anywhere`, not
 * `break-word`, for a table's sake: break-word leaves the column no narrower than the address's
 * longest part, so the table outgrew its box and the staff table's Remove button went behind a
 * sideways scroll; with anywhere the column may be narrower, yet a line still ends at a <wbr>
 * whenever one fits, so a part is broken only when it must be.
 */
export function EmailAddress({ email, className = "" }: { email: string; className?: string }) {
  const parts = email.split(/(?<=[@.])/);
  return (
    <span className={`wrap-anywhere ${className}`} data-testid="email-address">
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </span>
  );
}
