import { describe, expect, it } from 'vitest';
import { createAjv } from '../../src/spec/create-ajv.ts';
import { describeAjvError } from '../../src/spec/describe-ajv-error.ts';

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 3 },
    status: { enum: ['ACTIVE', 'DRAFT'] },
    address: { type: 'object', additionalProperties: false, properties: { country: { type: 'string' } } },
    aliases: { type: 'array', items: { type: 'string', minLength: 3 } },
    'a/b': { type: 'integer' },
  },
};
const validate = createAjv().compile(SCHEMA);
const describeFor = (value: unknown, options?: Parameters<typeof describeAjvError>[1]) => {
  expect(validate(value)).toBe(false);
  return describeAjvError(validate.errors?.[0], options);
};

describe('describeAjvError', () => {
  it.each([
    [{}, "name: must have required property 'name'"],
    [{ name: 'ab' }, 'name: must NOT have fewer than 3 characters'],
    [{ name: 'abc', status: 'X' }, 'status: must be one of ACTIVE, DRAFT'],
    [{ name: 'abc', color: 1 }, 'color: is not an allowed property'],
    [{ name: 'abc', address: { planet: 'Mars' } }, 'address.planet: is not an allowed property'],
    [{ name: 'abc', address: { country: 1 } }, 'address.country: must be string'],
    [{ name: 'abc', aliases: ['long', 'no'] }, 'aliases[1]: must NOT have fewer than 3 characters'],
    [{ name: 'abc', 'a/b': 'x' }, 'a/b: must be integer'],
    [[], 'body: must be object'],
  ])('names the field of %j', (value, expected) => {
    expect(describeFor(value)).toBe(expected);
  });

  it('puts a prefix before the field in the same syntax, and names the root by it', () => {
    expect(describeFor({ name: 'abc', aliases: ['no'] }, { prefix: 'fixture.accounts[0]' })).toBe(
      'fixture.accounts[0].aliases[0]: must NOT have fewer than 3 characters',
    );
    expect(describeFor(42, { prefix: 'fixture' })).toBe('fixture: must be object');
    expect(describeFor(42, { root: 'pageSize' })).toBe('pageSize: must be object');
  });
});
