import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_CASES, describeAllCases } from '../cases/index.ts';
import { startMock } from '../helpers/start-mock.ts';

// The shared behaviour suite over HTTP: the Express server on 127.0.0.1, port 0.
describeAllCases({ name: 'http', start: (options = {}) => startMock(options) });

describe('the shared suite', () => {
  it('runs every test/cases/*.case.ts file', () => {
    const files = readdirSync(new URL('../cases/', import.meta.url)).filter((f) => f.endsWith('.case.ts'));
    expect(ALL_CASES).toHaveLength(files.length);
  });
});
