import type { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

// The messages of an extended-protocol sequence before its Sync: Parse, Bind, Describe, Execute,
// Close and Flush. Sync ends it; a simple Query, the startup and password messages stand alone.
const SEQUENCE_MESSAGES = new Set(["P", "B", "D", "E", "C", "H"].map((c) => c.charCodeAt(0)));

/**
 * pglite-socket runs each wire message of every connection through one queue, and keeps a
 * connection to itself only inside a transaction. Outside one, the Parse of one connection's
 * query and the Bind of another's interleave ("bind message supplies 3 parameters, but
 * prepared statement requires 2", "portal cannot be run"): any two concurrent queries can fail.
 * The queue asks the database `isInTransaction()` to decide; this view of the database also
 * answers yes while a connection's extended-protocol sequence is open (until its Sync), so the
 * queue serves that connection alone until the sequence ends.
 */
export function serialisedWireView(db: PGlite): PGlite {
  let sequenceOpen = false;
  return new Proxy(db, {
    get(target, property) {
      if (property === "isInTransaction") return () => sequenceOpen || target.isInTransaction();
      if (property === "execProtocolRawStream") {
        return (message: Uint8Array, options: Parameters<PGlite["execProtocolRawStream"]>[1]) => {
          // The startup message has no type byte: its first byte is its length's.
          sequenceOpen = SEQUENCE_MESSAGES.has(message[0] ?? 0) && !isStartup(message);
          return target.execProtocolRawStream(message, options);
        };
      }
      if (property === "exec") {
        // The queue rolls back with exec() when a connection leaves mid-transaction (or, with
        // this view, mid-sequence): the sequence is over then too.
        return (...args: Parameters<PGlite["exec"]>) => {
          sequenceOpen = false;
          return target.exec(...args);
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

// A startup (or SSL/cancel request) message: a length then protocol version 3.0 or a code, no type.
function isStartup(message: Uint8Array): boolean {
  if (message.length < 8) return false;
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  return view.getInt32(0) === message.length && view.getInt32(4) === 196608;
}

/** Serves `db` on 127.0.0.1 to node-postgres clients, concurrent connections included. */
export function pgliteWireServer(db: PGlite, options: { port?: number; maxConnections: number }): PGLiteSocketServer {
  return new PGLiteSocketServer({
    db: serialisedWireView(db),
    host: "127.0.0.1",
    port: options.port ?? 0,
    maxConnections: options.maxConnections,
  });
}
