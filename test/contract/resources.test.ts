import { describe, expect, it } from 'vitest';
import { indexItemOperations } from '../../src/contract/resources.ts';
import { spec } from './helpers.ts';

describe('indexItemOperations', () => {
  it('finds the operation on one item of a collection, built once from the spec', () => {
    const index = indexItemOperations(spec.operations);
    expect(index.get('delete /accounts')?.operationId).toBe('deleteAccount');
    expect(index.get('get /customers')?.operationId).toBe('getCustomer');
    expect(index.get('post /accounts')).toBeUndefined();
  });
});
