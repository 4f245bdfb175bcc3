/**
 * The orders a gateway may have put into ClickHouse, as a Bloom filter: admission asks ClickHouse for
 * the loaded versions only of the orders the filter may hold, and a new order (most of a filing's)
 * costs no look-up there (docs/decisions/0021, Admission). It never forgets an order it was told of:
 * "no" is always true, "maybe" is wrong for under 1% of the orders it was never told of, which are
 * then asked about as before.
 *
 * It grows by layers, each twice the size of the one before (1 Mi orders first, in 1.5 MiB: 12 bits an
 * order, 8 hashes), so that it costs about 1.5 bytes an order it holds (up to twice that just after a
 * layer is added), whatever their number; a layer takes orders until it holds its capacity, and a
 * look-up reads every layer (the error grows with the number of layers: about 0.3% each at capacity,
 * ten layers for a billion).
 */

const BITS_PER_ORDER = 12;
const HASHES = 8;
const FIRST_CAPACITY = 1 << 20;

interface Layer {
  bits: Uint32Array;
  /** The number of bits. */
  size: number;
  capacity: number;
  held: number;
}

function layer(capacity: number): Layer {
  const words = Math.ceil((capacity * BITS_PER_ORDER) / 32);
  return { bits: new Uint32Array(words), size: words * 32, capacity, held: 0 };
}

export class KnownOrders {
  private readonly layers: Layer[] = [layer(FIRST_CAPACITY)];
  // The two hashes of the last key (double hashing: the i-th bit is h1 + i * h2).
  private h1 = 0;
  private h2 = 0;

  /** Bytes of memory the filter holds. */
  get bytes(): number {
    return this.layers.reduce((n, l) => n + l.bits.byteLength, 0);
  }

  add(platformId: number, orderId: string): void {
    this.hash(platformId, orderId);
    if (this.holdsHashed()) return;
    let last = this.layers[this.layers.length - 1]!;
    if (last.held >= last.capacity) {
      last = layer(last.capacity * 2);
      this.layers.push(last);
    }
    for (let i = 0; i < HASHES; i++) {
      const bit = ((this.h1 + Math.imul(i, this.h2)) >>> 0) % last.size;
      last.bits[bit >>> 5]! |= 1 << (bit & 31);
    }
    last.held++;
  }

  /** False when the order was never added; true when it was, and for about 1% of the others. */
  mayHold(platformId: number, orderId: string): boolean {
    this.hash(platformId, orderId);
    return this.holdsHashed();
  }

  private holdsHashed(): boolean {
    for (const l of this.layers) {
      let all = true;
      for (let i = 0; i < HASHES && all; i++) {
        const bit = ((this.h1 + Math.imul(i, this.h2)) >>> 0) % l.size;
        all = (l.bits[bit >>> 5]! & (1 << (bit & 31))) !== 0;
      }
      if (all) return true;
    }
    return false;
  }

  /** Two 32-bit hashes of the platform and the order id in one pass (FNV-1a and a multiply-xorshift). */
  private hash(platformId: number, orderId: string): void {
    let a = Math.imul(0x811c9dc5 ^ platformId, 0x01000193);
    let b = Math.imul(platformId + 0x9e3779b9, 0x85ebca6b);
    for (let i = 0; i < orderId.length; i++) {
      const c = orderId.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    // Final mixes, so that ids differing in their last character differ in every bit.
    a ^= a >>> 16;
    a = Math.imul(a, 0x7feb352d);
    a ^= a >>> 15;
    b ^= b >>> 13;
    b = Math.imul(b, 0xc2b2ae35);
    b ^= b >>> 16;
    this.h1 = a >>> 0;
    // Odd, so that the seven bits of a key are distinct.
    this.h2 = (b | 1) >>> 0;
  }
}
