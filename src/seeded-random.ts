// TODO(integrator): forwarding module for src/contract/prng.ts (the runner branch); point it at
// src/shared/seeded-random.ts and delete this file.
export * from './shared/seeded-random.ts';
