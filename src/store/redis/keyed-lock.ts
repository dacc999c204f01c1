/**
 * Runs work for the same key one at a time in this process. Writes to one record from many
 * requests would otherwise all read the same snapshot and all but one retry, round after round
 * (n writers cost n² attempts); queued here, only writers in other processes can conflict.
 */
export function createKeyedLock(): <T>(key: string, work: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (key, work) => {
    const before = tails.get(key) ?? Promise.resolve();
    const run = before.then(work, work);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
