import v8 from 'node:v8';
import type { Checked } from './intake.ts';

/**
 * A batch of checked records on its way from a check worker to the writer. A check worker packs it
 * into one buffer (v8.serialize, the same encoding as postMessage's structured clone) that is
 * transferred, not copied, to the main thread and on to the writer thread, which unpacks it. The main
 * thread never builds the records' objects: decoding and re-encoding every record there cost it more
 * CPU and more garbage than anything else it did for a filing (docs/benchmarks.md, transaction filings).
 * Checked in-process, a batch is the records themselves.
 */
export type CheckedBatch = Checked<unknown>[] | { packed: ArrayBuffer };

/** Packs checked records; post `packed` with `transfer` as its transfer list. */
export function packChecked(results: Checked<unknown>[]): { packed: ArrayBuffer; transfer: ArrayBuffer[] } {
  const bytes = v8.serialize(results);
  // v8.serialize's Buffer owns its memory, but a Buffer may be a view into a shared pool: never transfer that.
  const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const packed = (
    owned ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
  ) as ArrayBuffer;
  return { packed, transfer: [packed] };
}

/** The records of a batch, unpacked if it was packed (byte fields come back as Buffers). */
export function unpackChecked(batch: CheckedBatch): Checked<unknown>[] {
  if (Array.isArray(batch)) return batch;
  return v8.deserialize(Buffer.from(batch.packed)) as Checked<unknown>[];
}

/** The buffers to transfer with a batch posted to another thread. */
export function transferOf(batch: CheckedBatch): ArrayBuffer[] {
  return Array.isArray(batch) ? [] : [batch.packed];
}
