/** Polls `probe` until it holds: recovery takes real time (Redis's, the client's), bounded here. */
export async function eventually(probe: () => Promise<boolean>, ms = 5000): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    if (await probe().catch(() => false)) return Date.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`did not recover within ${ms} ms`);
}
