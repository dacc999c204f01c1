import { fail, ok, type Result } from '../shared/result.ts';
import { type ApiError, apiError } from './errors.ts';

/** Scenario controls a client asks for in a `Prefer` header (Prism's names where Prism has them). */
export interface Preferences {
  code?: number;
  example?: string;
  dynamic?: boolean;
  delayMs?: number;
  fail?: 'reset' | 'timeout' | '500';
}

const MAX_DELAY_MS = 60_000;

/** Parses `Prefer: code=404, delay=200` (comma- or semicolon-separated); unknown preferences are ignored (RFC 7240). */
export function parsePrefer(header: string | undefined): Result<Preferences, ApiError> {
  const prefs: Preferences = {};
  if (!header) return ok(prefs);
  for (const part of header.split(/[,;]/)) {
    const [rawKey, ...rest] = part.split('=');
    const key = rawKey?.trim().toLowerCase();
    const value = rest
      .join('=')
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (key === 'code') {
      if (!/^[1-5]\d\d$/.test(value))
        return fail(
          apiError('INVALID_REQUEST', `Prefer: code must be an HTTP status, got "${value.slice(0, 20)}"`),
        );
      prefs.code = Number(value);
    } else if (key === 'example') {
      prefs.example = value;
    } else if (key === 'dynamic') {
      prefs.dynamic = value === '' || value === 'true';
    } else if (key === 'delay') {
      if (!/^\d{1,6}$/.test(value) || Number(value) > MAX_DELAY_MS) {
        return fail(
          apiError('INVALID_REQUEST', `Prefer: delay must be whole milliseconds from 0 to ${MAX_DELAY_MS}`),
        );
      }
      prefs.delayMs = Number(value);
    } else if (key === 'fail') {
      if (value !== 'reset' && value !== 'timeout' && value !== '500') {
        return fail(apiError('INVALID_REQUEST', 'Prefer: fail must be one of reset, timeout, 500'));
      }
      prefs.fail = value;
    }
  }
  return ok(prefs);
}

export const wantsFallback = (prefs: Preferences): boolean =>
  prefs.code !== undefined || prefs.example !== undefined || prefs.dynamic === true;
