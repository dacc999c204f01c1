import { describe, expect, it } from 'vitest';
import { codeForStatus, ERROR_STATUS, type ErrorCode } from '../../src/core/errors.ts';
import { errorResponse } from '../../src/core/respond.ts';
import { createAjv } from '../../src/spec/create-ajv.ts';
import { DOMAIN_ERROR_CODES } from '../../src/store/errors.ts';
import { bundledSpec } from '../helpers/core-request.ts';

const CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

describe('error codes', () => {
  it('render every code as a {message} valid against the spec, with its own status and code header', async () => {
    const schema = (await bundledSpec()).schemas.ErrorResponse;
    if (!schema) throw new Error('the spec has no ErrorResponse schema');
    const validate = createAjv().compile(schema);
    for (const code of CODES) {
      const notes = { token: '' };
      const res = errorResponse(notes, { code, message: `field: ${code} happened` });
      expect(res.status, code).toBe(ERROR_STATUS[code]);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(600);
      expect(res.headers['x-error-code']).toBe(code);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      const body = JSON.parse(res.body as string);
      expect(validate(body), `${code}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(body).toEqual({ message: `field: ${code} happened` });
      expect(notes).toEqual({ token: '', problem: `field: ${code} happened` });
    }
  });

  it('give every domain code of the store an HTTP status', () => {
    for (const code of DOMAIN_ERROR_CODES) expect(ERROR_STATUS[code], code).toBeGreaterThanOrEqual(400);
  });

  it('name a forced status by a code of that same status, chosen per status', () => {
    for (const status of [400, 401, 403, 404, 405, 409, 413, 415, 429, 500, 501, 503]) {
      expect(ERROR_STATUS[codeForStatus(status)], String(status)).toBe(status);
    }
    expect(codeForStatus(404)).toBe('NOT_FOUND');
    expect(codeForStatus(500)).toBe('INTERNAL');
    expect(codeForStatus(418)).toBe('INVALID_REQUEST');
    expect(codeForStatus(502)).toBe('INTERNAL');
  });
});
