/** Turns a failed `listen` into a sentence that says what to do; undefined for errors we have no advice for. */
export function explainListenError(error: unknown, port: number, host: string): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use: stop whatever holds it, or pick another with --port (--port 0 picks a free one)`;
    case 'EACCES':
      return `not allowed to listen on port ${port}: choose a port above 1023 with --port`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `--host ${host} is not an address of this machine (127.0.0.1 for this machine only, 0.0.0.0 for every interface)`;
    default:
      return undefined;
  }
}
