import { InvalidArgumentError } from 'commander';

/** A whole number from `min` to `max`, else a usage error naming the range. */
export const wholeNumber = (min: number, max: number) => (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
  }
  return Number(value);
};

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** Bytes as a whole number, or with a binary suffix: `65536`, `64K`, `128M`, `1G` (also `KiB`, `MB`…). */
export const byteSize = (value: string) => {
  const match = /^(\d+)\s*([kmg]?)(?:i?b)?$/i.exec(value.trim());
  const bytes = match ? Number(match[1]) * (UNITS[(match[2] ?? '').toLowerCase()] ?? 1) : Number.NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1024 || bytes > 64 * 1024 ** 3) {
    throw new InvalidArgumentError('must be a size from 1K to 64G, in bytes or with K, M or G (e.g. 128M)');
  }
  return bytes;
};
