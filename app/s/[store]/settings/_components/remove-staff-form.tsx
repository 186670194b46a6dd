"use client";

import type { ComponentProps } from "react";
import { createContext, useContext } from "react";
import { useTranslations } from "next-intl";
import { ActionForm, SuccessStatus } from "@/components/action-form";
import { useLastingNotice } from "@/components/announcer";
import type { removeStaff } from "@/lib/users/commands";

/** What removing a staff member answers: how many customers lost them as their rep, and how many open disputes went back to unassigned. */
type StaffRemoved = Awaited<ReturnType<typeof removeStaff>>;

type Translate = (key: string, values: Record<string, string | number>) => string;

/** The line after a removal: it says what the owner now has to reassign, where there is any. */
export function removedMessage(t: Translate, email: string, { customersWithoutRep: customers, disputesUnassigned: disputes }: StaffRemoved) {
  if (customers > 0 && disputes > 0) return t("removedNamedRepsDisputes", { email, customers, disputes });
  if (customers > 0) return t("removedNamedReps", { email, count: customers });
  if (disputes > 0) return t("removedNamedDisputes", { email, count: disputes });
  return t("removedNamed", { email });
}

const SayRemoved = createContext<(message: string) => void>(() => {});

/**
 * The staff table's line saying what the last removal did, above the table. The removed row's
 * form cannot say it: the page's refresh takes the row, and its line with it, away at once, and a
 * sighted owner saw only the row leave, not the customers and disputes left to reassign.
 */
export function StaffRemovalNotice({ children }: { children: React.ReactNode }) {
  const [notice, sayRemoved] = useLastingNotice();
  return (
    <SayRemoved.Provider value={sayRemoved}>
      {notice && (
        <SuccessStatus className="mt-4 rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800" testId="staff-removed">
          {notice}
        </SuccessStatus>
      )}
      {children}
    </SayRemoved.Provider>
  );
}

/** A staff row's remove button; what the removal left to reassign is said by StaffRemovalNotice. */
export function RemoveStaffForm({ email, ...props }: Omit<ComponentProps<typeof ActionForm>, "successMessage" | "onSuccess"> & { email: string }) {
  const t = useTranslations("settings.staff");
  const sayRemoved = useContext(SayRemoved);
  return <ActionForm {...props} onSuccess={(data) => sayRemoved(removedMessage(t, email, data as StaffRemoved))} />;
}
