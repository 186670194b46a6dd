// A lean HTTP/1.1 client for the load parts of the bench. Node's fetch costs the client about
// as much CPU per request as a small route handler costs the server; on a 2-core machine the
// load generator then takes the server's CPU and the bench measures itself. node:http over
// kept-alive sockets costs a fraction of that.
import http from "node:http";

export interface KeepAliveResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface KeepAliveClient {
  request(method: string, path: string, options?: { headers?: Record<string, string>; body?: string }): Promise<KeepAliveResponse>;
  close(): void;
}

export function keepAliveClient(baseUrl: string, sockets: number, timeoutMs = 120_000): KeepAliveClient {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  return {
    request(method, path, options = {}) {
      return new Promise((resolve, reject) => {
        const headers: Record<string, string | number> = { ...options.headers };
        if (options.body !== undefined) headers["content-length"] = Buffer.byteLength(options.body);
        const req = http.request(
          { agent, hostname: url.hostname, port: url.port || 80, path, method, headers, timeout: timeoutMs },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk: Buffer) => chunks.push(chunk));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
            res.on("error", reject);
          },
        );
        req.on("timeout", () => req.destroy(new Error(`${method} ${path}: no answer in ${timeoutMs} ms`)));
        req.on("error", reject);
        req.end(options.body);
      });
    },
    close: () => agent.destroy(),
  };
}
