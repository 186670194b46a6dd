"use client";

import type { ComponentProps } from "react";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/action-form";
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

/** A staff row's remove button, whose success says what the removal left to reassign. */
export function RemoveStaffForm({ email, ...props }: Omit<ComponentProps<typeof ActionForm>, "successMessage"> & { email: string }) {
  const t = useTranslations("settings.staff");
  return <ActionForm {...props} successMessage={(data) => removedMessage(t, email, data as StaffRemoved)} />;
}
