import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";

// Serves one PGlite database to node-postgres clients over the PostgreSQL wire protocol.
//
// PGlite is a single session: every connection shares it, so a connection's transaction must
// hold it alone until it ends, and one connection's extended-protocol messages (Parse, Bind,
// Describe, Execute) must not interleave with another's. Each connection's messages are
// therefore grouped up to the Sync that ends them (or a simple Query) and run as one call into
// PGlite, through one queue. This replaced @electric-sql/pglite-socket, which queues and runs
// every message on its own: four or five trips through its queue and PGlite per query, which
// made a trivial query cost 0.7–1.3 ms instead of ~0.4 ms, and interleaved concurrent
// connections' messages unless told otherwise.
//
// A client signs in with the password the server was started with (the app and the command line
// read it from the lock file, in the data directory only its owner may open): 127.0.0.1 is
// reachable by every account on the machine, and the database holds the store's customers, its
// password hashes and its API tokens' hashes.
//
// Named prepared statements belong to the session, so every connection shares them. Each
// node-postgres connection prepares a name the first time it uses it; when the session already
// holds that name with the same text, that Parse is answered here (ParseComplete) instead of
// failing with "prepared statement already exists". Names are never closed (node-postgres does
// not close them; db/reuse-plans.ts names only lookups by key, whose plans it means to keep).

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const SYNC = 0x53; // S
const FLUSH = 0x48; // H
const TERMINATE = 0x58; // X
const PARSE = 0x50; // P
const PASSWORD_MESSAGE = 0x70; // p
/** AuthenticationCleartextPassword: loopback only, so the password never crosses a network. */
const ASK_PASSWORD = new Uint8Array([0x52, 0, 0, 0, 8, 0, 0, 0, 3]); // 'R'
const PARSE_COMPLETE = new Uint8Array([0x31, 0, 0, 0, 4]); // '1'
/** Messages that continue an extended-protocol sequence until its Sync: Parse, Bind, Describe, Execute, Close. */
const SEQUENCE = new Set([0x50, 0x42, 0x44, 0x45, 0x43]);

interface Unit {
  conn: Connection;
  bytes: Uint8Array;
  /** Ends with Flush: the sequence stays open until its Sync, and holds the session meanwhile. */
  leavesSequenceOpen: boolean;
}

/** The ErrorResponse of a refused sign-in; the connection is closed after it. */
function passwordRefused(): Buffer {
  const fields = ["SFATAL", "VFATAL", "C28P01", 'Mpassword authentication failed for user "postgres"'];
  const body = Buffer.concat([...fields.map((field) => Buffer.from(`${field}\0`)), Buffer.from([0])]);
  const head = Buffer.alloc(5);
  head[0] = 0x45; // 'E'
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
}

const digest = (text: string | Buffer) => createHash("sha256").update(text).digest();

class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private pending: Buffer[] = [];
  private started = false;
  /** The startup message, held until the password is given; then handed to the database. */
  private startup: Buffer | null = null;
  closed = false;

  constructor(
    readonly socket: net.Socket,
    private readonly submit: (unit: Unit) => void,
    private readonly passwordDigest: Buffer,
  ) {}

  write(data: Uint8Array) {
    if (!this.closed && this.socket.writable) this.socket.write(data);
  }

  /** Splits what arrived into messages and hands each finished group to the queue. */
  receive(chunk: Buffer) {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    while (!this.closed) {
      if (!this.started) {
        // Untyped messages first: an SSL or cancel request, then the startup message.
        if (this.buffer.length < 8) return;
        const length = this.buffer.readInt32BE(0);
        const code = this.buffer.readInt32BE(4);
        if (code === SSL_REQUEST) {
          this.buffer = this.buffer.subarray(8);
          this.socket.write("N"); // no TLS on loopback
          continue;
        }
        if (code === CANCEL_REQUEST) {
          this.socket.destroy(); // not supported: the query runs to its end
          return;
        }
        if (this.buffer.length < length) return;
        this.started = true;
        this.startup = this.take(length);
        this.socket.write(ASK_PASSWORD);
        continue;
      }
      if (this.buffer.length < 5) return;
      const length = 1 + this.buffer.readInt32BE(1);
      if (this.buffer.length < length) return;
      const type = this.buffer[0]!;
      const message = this.take(length);
      if (this.startup) {
        // The one message taken before the password is right is the password itself.
        const given = type === PASSWORD_MESSAGE ? message.subarray(5, Math.max(5, message.indexOf(0, 5))) : Buffer.alloc(0);
        if (type !== PASSWORD_MESSAGE || !timingSafeEqual(digest(given), this.passwordDigest)) {
          this.closed = true;
          this.socket.end(passwordRefused());
          return;
        }
        const startup = this.startup;
        this.startup = null;
        this.submit({ conn: this, bytes: startup, leavesSequenceOpen: false });
        continue;
      }
      if (type === TERMINATE) {
        this.socket.end();
        return;
      }
      this.pending.push(message);
      if (SEQUENCE.has(type)) continue;
      const bytes = this.pending.length === 1 ? message : Buffer.concat(this.pending);
      this.pending = [];
      this.submit({ conn: this, bytes, leavesSequenceOpen: type === FLUSH });
    }
  }

  private take(length: number): Buffer {
    const message = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    return message;
  }
}

/** The unit's first message when it is a Parse that names its statement: the name, the text, its length. */
function leadingNamedParse(bytes: Uint8Array): { name: string; text: string; length: number } | null {
  if (bytes[0] !== PARSE) return null;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nameEnd = buffer.indexOf(0, 5);
  if (nameEnd <= 5) return null; // the unnamed statement
  const textEnd = buffer.indexOf(0, nameEnd + 1);
  return {
    name: buffer.toString("utf8", 5, nameEnd),
    text: buffer.toString("utf8", nameEnd + 1, textEnd),
    length: 1 + buffer.readInt32BE(1),
  };
}

export interface WireServer {
  /** With the password: the address a client connects to. */
  url: string;
  password: string;
  port: number;
  close(): Promise<void>;
}

/** Serves `db` on 127.0.0.1 (port 0: any free port) to clients that give the password it makes. */
export async function servePglite(db: PGlite, options: { port?: number; maxConnections: number }): Promise<WireServer> {
  const queue: Unit[] = [];
  const connections = new Set<Connection>();
  /** The connection whose transaction (or open sequence) holds the session, if any. */
  let owner: Connection | null = null;
  /** Named statements the session holds, by name, with their text. */
  const prepared = new Map<string, string>();
  let running = false;
  const password = randomBytes(24).toString("base64url");
  const passwordDigest = digest(password);

  // A Sync ends whatever sequence the owner left open (a backend that hit an error skips
  // messages until one), and a rollback its transaction.
  const SYNC_MESSAGE = new Uint8Array([SYNC, 0, 0, 0, 4]);
  const release = async () => {
    owner = null;
    await db.runExclusive(() => db.execProtocolRawStream(SYNC_MESSAGE, { onRawData: () => undefined }));
    if (db.isInTransaction()) await db.exec("rollback");
  };

  const pump = async () => {
    if (running) return;
    running = true;
    try {
      for (;;) {
        // The owner left mid-transaction: nothing will end its transaction but us.
        if (owner?.closed) await release().catch((error: unknown) => console.error("[pglite] could not end a departed connection's transaction:", error));
        const index = owner ? queue.findIndex((unit) => unit.conn === owner) : 0;
        if (index === -1 || queue.length === 0) return; // the owner's next message is on its way
        // A connection's units leave the queue when it closes.
        const unit = queue.splice(index, 1)[0]!;
        const parse = leadingNamedParse(unit.bytes);
        const held = parse !== null && prepared.get(parse.name) === parse.text;
        if (held) unit.conn.write(PARSE_COMPLETE);
        const bytes = held ? unit.bytes.subarray(parse.length) : unit.bytes;
        // A Parse the session took answers ParseComplete first; one that failed answers an error.
        let first: number | undefined;
        try {
          await db.runExclusive(() =>
            db.execProtocolRawStream(bytes, {
              onRawData: (data) => {
                first ??= data[0];
                // A view of PGlite's memory, which it reuses for the next piece of the answer: the
                // socket keeps what it cannot send at once by reference, so it gets a copy.
                unit.conn.write(Buffer.from(data));
              },
            }),
          );
          if (parse && !held && first === PARSE_COMPLETE[0]) prepared.set(parse.name, parse.text);
        } catch (error) {
          console.error("[pglite] a query failed inside the database:", error);
          unit.conn.socket.destroy();
        }
        owner = unit.leavesSequenceOpen || db.isInTransaction() ? unit.conn : null;
      }
    } finally {
      running = false;
    }
  };

  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    const conn = new Connection(
      socket,
      (unit) => {
        queue.push(unit);
        void pump();
      },
      passwordDigest,
    );
    connections.add(conn);
    socket.on("data", (chunk) => conn.receive(chunk));
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      conn.closed = true;
      connections.delete(conn);
      for (let i = queue.length - 1; i >= 0; i--) if (queue[i]!.conn === conn) queue.splice(i, 1);
      void pump();
    });
  });
  server.maxConnections = options.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: wireUrl(port, password),
    password,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const conn of connections) conn.socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export const wireUrl = (port: number, password: string) => `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
