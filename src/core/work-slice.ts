/** The longest stretch of import work between two turns given to other requests. */
export const SLICE_MS = 5;

/**
 * When a long job (an import: its checks, its writes) should give other requests their turn:
 * after `maxSteps` steps, or sooner once `SLICE_MS` have passed, whichever comes first. The count
 * bounds a slice on any machine and keeps tests deterministic; the clock keeps a slice of heavy
 * steps (records of kilobytes) short on a slow or busy one. The clock is read every 16 steps.
 */
export function createWorkSlice(maxSteps: number, now: () => number = () => performance.now()) {
  let steps = 0;
  let started = now();
  return {
    /** Counts one step; true when the slice is over (then call `restart` after the pause). */
    due(): boolean {
      steps += 1;
      return steps >= maxSteps || (steps % 16 === 0 && now() - started >= SLICE_MS);
    },
    restart(): void {
      steps = 0;
      started = now();
    },
  };
}
