import type { Server, ServerResponse } from 'node:http';

export interface GracefulClose {
  /**
   * Stops accepting connections, lets requests in flight finish for at most `graceMs`, then closes
   * whatever is left; resolves once every connection is gone. Idle keep-alive connections close at
   * once, busy ones as soon as their response is sent (`Connection: close` on responses not yet
   * started), so a client holding a connection open cannot delay the stop.
   */
  close(graceMs: number): Promise<void>;
}

/** Watches a server's requests from now on, so that `close` knows which connections are busy. */
export function trackForGracefulClose(server: Server): GracefulClose {
  const inFlight = new Set<ServerResponse>();
  let closing = false;
  server.on('request', (_req, res: ServerResponse) => {
    if (closing && !res.headersSent) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      // The connection turns idle only after this event: close it on the next turn.
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  });
  let closed: Promise<void> | undefined;
  return {
    close(graceMs) {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
        const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(deadline);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closed;
    },
  };
}
