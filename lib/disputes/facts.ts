import type { DisputeType } from "@/db/schema/disputes";

/** What a dispute says, once its links are resolved to this store's rows. */
export interface ResolvedFacts {
  title: string;
  description: string;
  orderId: number | null;
  customerId: number | null;
  productId: number | null;
  returnId: number | null;
  counterpartyName: string | null;
  infringedRight: string | null;
  infringingListing: string | null;
}

/** A fact a submission lacks; "a|b" means either one. Field names as in the API and the form. */
export type MissingFact =
  | "description"
  | "infringedRight"
  | "infringingListing|counterparty"
  | "product"
  | "customer|order"
  | "return|order"
  | "counterparty";

/**
 * The facts each type needs before it can be submitted (drafts may lack them): who can act
 * needs to know what happened to whom. Returns what is missing, empty when complete.
 */
export function missingFacts(type: DisputeType, f: ResolvedFacts): MissingFact[] {
  const missing: MissingFact[] = [];
  if (f.description.trim().length < 10) missing.push("description");
  switch (type) {
    case "ip_infringement":
      // The right infringed, and the infringing listing or the party behind it.
      if (!f.infringedRight) missing.push("infringedRight");
      if (!f.infringingListing && !f.counterpartyName) missing.push("infringingListing|counterparty");
      break;
    case "counterfeit_accusation":
      // Which of my goods the accusation is about.
      if (f.productId === null) missing.push("product");
      break;
    case "malicious_complaint":
      if (f.customerId === null && f.orderId === null) missing.push("customer|order");
      break;
    case "fake_return":
      if (f.returnId === null && f.orderId === null) missing.push("return|order");
      break;
    case "unfair_platform_treatment":
      break;
    case "malicious_competition":
      // The competitor.
      if (!f.counterpartyName) missing.push("counterparty");
      break;
    case "supplier_quality":
      if (!f.counterpartyName) missing.push("counterparty");
      if (f.productId === null) missing.push("product");
      break;
    case "brand_authorization":
      // The brand owner (or its agent) the authorisation is disputed with.
      if (!f.counterpartyName) missing.push("counterparty");
      break;
  }
  return missing;
}
