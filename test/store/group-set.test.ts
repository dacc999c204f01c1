import { describe, expect, it } from 'vitest';
import { GroupSet } from '../../src/store/group-set.ts';

describe('GroupSet', () => {
  it('keeps a fork and its parent apart whichever writes first', () => {
    const parent = new GroupSet();
    parent.add(3, 20);
    const child = parent.fork();
    child.add(17, 20);
    parent.add(0, 20);
    expect([parent.has(0), parent.has(3), parent.has(17), parent.size]).toEqual([true, true, false, 2]);
    expect([child.has(0), child.has(3), child.has(17), child.size]).toEqual([false, true, true, 2]);
    child.add(17, 20);
    expect(child.size).toBe(2);
  });
});
