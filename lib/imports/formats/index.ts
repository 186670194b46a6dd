import { importKinds, orderStatuses, returnStatuses, returnTypes, type ImportFormat, type ImportKind } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { StagedRecord } from "../records";
import { MAX_COUNT, MAX_QUANTITY } from "../limits";
import { reason } from "../reasons";
import {
  lineAmountWithin,
  oneOf,
  optionalId,
  optionalText,
  parseBoolean,
  parseInteger,
  parseMoney,
  priceLine,
  requireId,
  RowError,
  rowReader,
  type localTimeReader,
} from "../values";
import { normalizeExternalId } from "@/lib/validation/text";

export interface RowContext {
  parseTime: ReturnType<typeof localTimeReader>;
  /** Digits of the store currency's minor unit. */
  digits: number;
}

/** Records made of several rows: an order of its lines, an online-retail return of its C lines. */
export interface RowGroup {
  table: "orderLines" | "returns";
  externalId: string;
}

/**
 * A CSV dialect: the columns it needs, and how one row becomes a staged record (or is ignored).
 * A row is handed over as its cells in the order of `headers`, wherever the file has them: read
 * by position, a row needs no object of its own (one per row of a large file cost the Online
 * Retail import CPU and garbage collection, for cells that are already in an array).
 */
export interface RowFormat {
  headers: readonly string[];
  read(row: readonly string[], ctx: RowContext): StagedRecord | "ignored";
  /** The record a row is one part of, read from the raw row (so even from a row that is not valid). */
  groupOf?(row: readonly string[]): RowGroup | null;
}

/** An id as its records store it (NFKC), or null when blank: what an order's rows are grouped by. */
const nonEmpty = (text: string | undefined) => (text ? normalizeExternalId(text) || null : null);

// The canonical formats read every value of a row before refusing it, so each bad value of a
// row is reported at once (rowReader). The online-retail preset reads a file that does not
// change, and stops at a row's first bad value.

const canonicalOrders: RowFormat = {
  headers: [
    "orderExternalId", "customerExternalId", "customerName", "placedAt", "status", "groupBuy",
    "productExternalId", "productName", "quantity", "unitPrice",
  ],
  read(row, ctx) {
    const [orderExternalId, customerExternalId, customerName, placedAt, status, groupBuy, productExternalId, productName, quantity, unitPrice] = row;
    const r = rowReader();
    const values = {
      orderExternalId: r.cell(() => requireId("orderExternalId", orderExternalId)),
      customerExternalId: r.cell(() => requireId("customerExternalId", customerExternalId)),
      customerName: optionalText("customerName", customerName),
      placedAt: r.cell(() => ctx.parseTime("placedAt", placedAt!)),
      status: r.cell(() => oneOf("status", status!, orderStatuses)),
      groupBuy: r.cell(() => parseBoolean("groupBuy", groupBuy!)),
      productExternalId: r.cell(() => requireId("productExternalId", productExternalId)),
      productName: optionalText("productName", productName),
      quantity: r.cell(() => parseInteger("quantity", quantity!, { min: 1, max: MAX_QUANTITY })),
      unitPrice: r.cell(() => parseMoney("unitPrice", unitPrice!, ctx.digits)),
    };
    r.done();
    return {
      table: "orderLines",
      values: { ...values, lineAmount: lineAmountWithin("unitPrice", values.quantity * values.unitPrice, ctx.digits) },
    };
  },
  groupOf(row) {
    const externalId = nonEmpty(row[0]); // orderExternalId
    return externalId ? { table: "orderLines", externalId } : null;
  },
};

const canonicalReturns: RowFormat = {
  headers: ["externalId", "customerExternalId", "orderExternalId", "type", "amount", "requestedAt", "status"],
  read(row, ctx) {
    const [externalId, customerExternalId, orderExternalId, type, amount, requestedAt, status] = row;
    const r = rowReader();
    const values = {
      externalId: r.cell(() => requireId("externalId", externalId)),
      customerExternalId: r.cell(() => requireId("customerExternalId", customerExternalId)),
      orderExternalId: optionalId("orderExternalId", orderExternalId),
      type: r.cell(() => oneOf("type", type!, returnTypes)),
      amount: r.cell(() => parseMoney("amount", amount!, ctx.digits)),
      requestedAt: r.cell(() => ctx.parseTime("requestedAt", requestedAt!)),
      status: r.cell(() => oneOf("status", status!, returnStatuses)),
    };
    r.done();
    return { table: "returns", values };
  },
};

const canonicalReviews: RowFormat = {
  headers: ["externalId", "customerExternalId", "orderExternalId", "productExternalId", "rating", "hasPhotos", "likes", "createdAt"],
  read(row, ctx) {
    const [externalId, customerExternalId, orderExternalId, productExternalId, rating, hasPhotos, likes, createdAt] = row;
    const r = rowReader();
    const values = {
      externalId: r.cell(() => requireId("externalId", externalId)),
      customerExternalId: r.cell(() => requireId("customerExternalId", customerExternalId)),
      orderExternalId: optionalId("orderExternalId", orderExternalId),
      productExternalId: optionalId("productExternalId", productExternalId),
      rating: r.cell(() => parseInteger("rating", rating!, { min: 1, max: 5 })),
      hasPhotos: r.cell(() => parseBoolean("hasPhotos", hasPhotos!)),
      likes: r.cell(() => (likes!.trim() === "" ? 0 : parseInteger("likes", likes!, { min: 0, max: MAX_COUNT }))),
      createdAt: r.cell(() => ctx.parseTime("createdAt", createdAt!)),
    };
    r.done();
    return { table: "reviews", values };
  },
};

const canonicalShares: RowFormat = {
  headers: ["externalId", "customerExternalId", "productExternalId", "sharedAt", "conversions"],
  read(row, ctx) {
    const [externalId, customerExternalId, productExternalId, sharedAt, conversions] = row;
    const r = rowReader();
    const values = {
      externalId: r.cell(() => requireId("externalId", externalId)),
      customerExternalId: r.cell(() => requireId("customerExternalId", customerExternalId)),
      productExternalId: optionalId("productExternalId", productExternalId),
      sharedAt: r.cell(() => ctx.parseTime("sharedAt", sharedAt!)),
      conversions: r.cell(() =>
        conversions!.trim() === "" ? 0 : parseInteger("conversions", conversions!, { min: 0, max: MAX_COUNT }),
      ),
    };
    r.done();
    return { table: "shares", values };
  },
};

/**
 * The UCI Online Retail file as it is (PRODUCT.md §8): guest rows (no CustomerID) are ignored
 * and counted; C invoices become completed return_refund returns of the summed |line amounts|;
 * other invoices become paid orders; a line amount is round-half-away-from-zero(Quantity ×
 * UnitPrice × 100) minor units; InvoiceDate is read in the store's time zone.
 */
const onlineRetail: RowFormat = {
  headers: ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"],
  read(row, ctx) {
    const [invoiceNo, stockCode, description, quantityText, invoiceDate, unitPrice, customerId] = row;
    const customerText = normalizeExternalId(customerId!);
    if (customerText === "") return "ignored";
    const customer = /^(\d+)(?:\.0+)?$/.exec(customerText);
    if (!customer) throw new RowError("CustomerID", reason("notCustomerNumber", { value: customerText }));
    const invoice = requireId("InvoiceNo", invoiceNo, 40);
    const quantity = parseInteger("Quantity", quantityText!, { min: -MAX_QUANTITY, max: MAX_QUANTITY });
    const line = priceLine("UnitPrice", quantity, unitPrice!, ctx.digits);
    const placedAt = ctx.parseTime("InvoiceDate", invoiceDate!);
    if (invoice.startsWith("C")) {
      return {
        table: "returns",
        values: {
          externalId: invoice,
          customerExternalId: customer[1]!,
          orderExternalId: null,
          type: "return_refund",
          amount: Math.abs(line.lineAmount),
          requestedAt: placedAt,
          status: "completed",
        },
      };
    }
    return {
      table: "orderLines",
      values: {
        orderExternalId: invoice,
        customerExternalId: customer[1]!,
        customerName: null,
        placedAt,
        status: "paid",
        groupBuy: false,
        productExternalId: requireId("StockCode", stockCode, 40),
        productName: optionalText("Description", description),
        quantity,
        unitPrice: line.unitPrice,
        lineAmount: line.lineAmount,
      },
    };
  },
  groupOf(row) {
    const [invoiceNo, , , , , , customerId] = row;
    const invoice = nonEmpty(invoiceNo);
    if (!invoice || !nonEmpty(customerId)) return null;
    return { table: invoice.startsWith("C") ? "returns" : "orderLines", externalId: invoice };
  },
};

const canonical: Record<ImportKind, RowFormat> = {
  orders: canonicalOrders,
  returns: canonicalReturns,
  reviews: canonicalReviews,
  shares: canonicalShares,
};

/**
 * The row format for a kind and format; the online-retail file holds orders (and their returns),
 * so any other kind is refused here, before an import is even created.
 */
export function rowFormat(kind: ImportKind, format: ImportFormat): RowFormat {
  if (format === "online-retail") {
    if (kind !== "orders") {
      throw new AppError("invalid", "The online-retail format holds orders: import it with kind orders.", "errors.onlineRetailKind");
    }
    return onlineRetail;
  }
  return canonical[kind];
}

/** Every format a file may be in, with the kind it is imported as. */
const everyFormat = [
  ...importKinds.map((kind) => ({ kind, format: "canonical" as ImportFormat })),
  { kind: "orders" as ImportKind, format: "online-retail" as ImportFormat },
];

/**
 * The kind and format a header looks like when it is not the one picked: at least half of that
 * format's columns and more of them than of the picked one's. A returns file picked as orders,
 * or the Online Retail file picked as canonical, is then named as such instead of refused for
 * lacking most of the picked format's columns (which told the owner nothing of what went wrong).
 */
export function lookalikeFormat(header: readonly string[], picked: { kind: ImportKind; format: ImportFormat }) {
  const share = (f: { kind: ImportKind; format: ImportFormat }) => {
    const columns = rowFormat(f.kind, f.format).headers;
    return columns.filter((c) => header.includes(c)).length / columns.length;
  };
  const pickedShare = share(picked);
  let best: { kind: ImportKind; format: ImportFormat; share: number } | null = null;
  for (const f of everyFormat) {
    if (f.kind === picked.kind && f.format === picked.format) continue;
    const s = share(f);
    if (s >= 0.5 && s > pickedShare && (!best || s > best.share)) best = { ...f, share: s };
  }
  return best && { kind: best.kind, format: best.format };
}
