/**
 * Code-point order, as the spec promises for ids. JavaScript's `<` compares UTF-16 code units,
 * which puts astral characters (surrogate pairs) before U+E000–U+FFFF; remapping the two ranges
 * fixes that without decoding. UTF-8 byte order is the same order (Redis BYLEX relies on it).
 */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codeUnitRank(x) - codeUnitRank(y);
  }
  return a.length - b.length;
}

function codeUnitRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}
