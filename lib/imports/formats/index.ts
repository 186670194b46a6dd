import { importKinds, orderStatuses, returnStatuses, returnTypes, type ImportFormat, type ImportKind } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { StagedRecord } from "../records";
import { MAX_COUNT, MAX_QUANTITY } from "../limits";
import { reason } from "../reasons";
import {
  decimalToScaled,
  divideRoundHalfAwayFromZero,
  lineAmountWithin,
  oneOf,
  optionalId,
  optionalText,
  parseBoolean,
  parseInteger,
  parseMoney,
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

/** A CSV dialect: the columns it needs, and how one row becomes a staged record (or is ignored). */
export interface RowFormat {
  headers: readonly string[];
  read(row: Record<string, string>, ctx: RowContext): StagedRecord | "ignored";
  /** The record a row is one part of, read from the raw row (so even from a row that is not valid). */
  groupOf?(row: Record<string, string>): RowGroup | null;
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
    const r = rowReader();
    const values = {
      orderExternalId: r.cell(() => requireId("orderExternalId", row.orderExternalId)),
      customerExternalId: r.cell(() => requireId("customerExternalId", row.customerExternalId)),
      customerName: optionalText("customerName", row.customerName),
      placedAt: r.cell(() => ctx.parseTime("placedAt", row.placedAt!)),
      status: r.cell(() => oneOf("status", row.status!, orderStatuses)),
      groupBuy: r.cell(() => parseBoolean("groupBuy", row.groupBuy!)),
      productExternalId: r.cell(() => requireId("productExternalId", row.productExternalId)),
      productName: optionalText("productName", row.productName),
      quantity: r.cell(() => parseInteger("quantity", row.quantity!, { min: 1, max: MAX_QUANTITY })),
      unitPrice: r.cell(() => parseMoney("unitPrice", row.unitPrice!, ctx.digits)),
    };
    r.done();
    return {
      table: "orderLines",
      values: { ...values, lineAmount: lineAmountWithin("unitPrice", values.quantity * values.unitPrice, ctx.digits) },
    };
  },
  groupOf(row) {
    const externalId = nonEmpty(row.orderExternalId);
    return externalId ? { table: "orderLines", externalId } : null;
  },
};

const canonicalReturns: RowFormat = {
  headers: ["externalId", "customerExternalId", "orderExternalId", "type", "amount", "requestedAt", "status"],
  read(row, ctx) {
    const r = rowReader();
    const values = {
      externalId: r.cell(() => requireId("externalId", row.externalId)),
      customerExternalId: r.cell(() => requireId("customerExternalId", row.customerExternalId)),
      orderExternalId: optionalId("orderExternalId", row.orderExternalId),
      type: r.cell(() => oneOf("type", row.type!, returnTypes)),
      amount: r.cell(() => parseMoney("amount", row.amount!, ctx.digits)),
      requestedAt: r.cell(() => ctx.parseTime("requestedAt", row.requestedAt!)),
      status: r.cell(() => oneOf("status", row.status!, returnStatuses)),
    };
    r.done();
    return { table: "returns", values };
  },
};

const canonicalReviews: RowFormat = {
  headers: ["externalId", "customerExternalId", "orderExternalId", "productExternalId", "rating", "hasPhotos", "likes", "createdAt"],
  read(row, ctx) {
    const r = rowReader();
    const values = {
      externalId: r.cell(() => requireId("externalId", row.externalId)),
      customerExternalId: r.cell(() => requireId("customerExternalId", row.customerExternalId)),
      orderExternalId: optionalId("orderExternalId", row.orderExternalId),
      productExternalId: optionalId("productExternalId", row.productExternalId),
      rating: r.cell(() => parseInteger("rating", row.rating!, { min: 1, max: 5 })),
      hasPhotos: r.cell(() => parseBoolean("hasPhotos", row.hasPhotos!)),
      likes: r.cell(() => (row.likes!.trim() === "" ? 0 : parseInteger("likes", row.likes!, { min: 0, max: MAX_COUNT }))),
      createdAt: r.cell(() => ctx.parseTime("createdAt", row.createdAt!)),
    };
    r.done();
    return { table: "reviews", values };
  },
};

const canonicalShares: RowFormat = {
  headers: ["externalId", "customerExternalId", "productExternalId", "sharedAt", "conversions"],
  read(row, ctx) {
    const r = rowReader();
    const values = {
      externalId: r.cell(() => requireId("externalId", row.externalId)),
      customerExternalId: r.cell(() => requireId("customerExternalId", row.customerExternalId)),
      productExternalId: optionalId("productExternalId", row.productExternalId),
      sharedAt: r.cell(() => ctx.parseTime("sharedAt", row.sharedAt!)),
      conversions: r.cell(() =>
        row.conversions!.trim() === "" ? 0 : parseInteger("conversions", row.conversions!, { min: 0, max: MAX_COUNT }),
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
    const customerText = normalizeExternalId(row.CustomerID!);
    if (customerText === "") return "ignored";
    const customer = /^(\d+)(?:\.0+)?$/.exec(customerText);
    if (!customer) throw new RowError("CustomerID", reason("notCustomerNumber", { value: customerText }));
    const invoice = requireId("InvoiceNo", row.InvoiceNo, 40);
    const quantity = parseInteger("Quantity", row.Quantity!, { min: -MAX_QUANTITY, max: MAX_QUANTITY });
    // The price exactly, in units of its own last decimal (the file's have up to 3; rounded to 3
    // first, 100 × 0.0045 was 0.50 instead of 0.45), and the line rounded once.
    const decimals = /\.(\d+)$/.exec(row.UnitPrice!.trim())?.[1]!.length ?? 0;
    const price = decimalToScaled(row.UnitPrice!, decimals);
    if (price === null) throw new RowError("UnitPrice", reason("notPrice", { value: row.UnitPrice! }));
    const priceUnit = 10n ** BigInt(decimals);
    const minor = 10n ** BigInt(ctx.digits);
    const lineAmount = lineAmountWithin("UnitPrice", divideRoundHalfAwayFromZero(BigInt(quantity) * price * minor, priceUnit), ctx.digits);
    const placedAt = ctx.parseTime("InvoiceDate", row.InvoiceDate!);
    if (invoice.startsWith("C")) {
      return {
        table: "returns",
        values: {
          externalId: invoice,
          customerExternalId: customer[1]!,
          orderExternalId: null,
          type: "return_refund",
          amount: Math.abs(lineAmount),
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
        productExternalId: requireId("StockCode", row.StockCode, 40),
        productName: optionalText("Description", row.Description),
        quantity,
        unitPrice: Number(divideRoundHalfAwayFromZero(price * minor, priceUnit)),
        lineAmount,
      },
    };
  },
  groupOf(row) {
    const invoice = nonEmpty(row.InvoiceNo);
    if (!invoice || !nonEmpty(row.CustomerID)) return null;
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
