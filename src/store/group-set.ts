/**
 * A set of small whole numbers (base groups: seeded customers) as a bitmap, copy-on-write like
 * the B+trees: `fork` shares the bits, and whichever side writes next copies them first. One
 * bit per seeded customer, so even a copy costs at most customers/8 bytes.
 */
export class GroupSet {
  #bits: Uint8Array | undefined;
  #shared = false;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  has(group: number): boolean {
    return this.#bits !== undefined && ((this.#bits[group >>> 3] ?? 0) & (1 << (group & 7))) !== 0;
  }

  /** Adds `group` (0 <= group < capacity). */
  add(group: number, capacity: number): void {
    if (this.has(group)) return;
    if (this.#bits === undefined || this.#shared) {
      const bits = new Uint8Array((capacity + 7) >>> 3);
      if (this.#bits !== undefined) bits.set(this.#bits);
      this.#bits = bits;
      this.#shared = false;
    }
    this.#bits[group >>> 3] = (this.#bits[group >>> 3] ?? 0) | (1 << (group & 7));
    this.#size++;
  }

  fork(): GroupSet {
    const copy = new GroupSet();
    copy.#bits = this.#bits;
    copy.#size = this.#size;
    this.#shared = copy.#shared = this.#bits !== undefined;
    return copy;
  }
}
