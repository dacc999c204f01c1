/**
 * Every command exits with these: 1 is kept for "the contract is broken", so a CI step can tell a
 * failing server from a mistyped flag, a bad spec or a busy port (all 2).
 */
export const EXIT = { ok: 0, failed: 1, setup: 2, interrupted: 130 } as const;
