import v8 from 'node:v8';
import type { Checked } from './intake.ts';

/**
 * A batch of checked records on its way from a check worker to the writer. A check worker packs it
 * into one buffer (v8's serializer, the same encoding as postMessage's structured clone) that is
 * transferred, not copied, to the main thread and on to the writer thread, which unpacks it. The main
 * thread never builds the records' objects: decoding and re-encoding every record there cost it more
 * CPU and more garbage than anything else it did for a filing (docs/benchmarks.md, transaction filings).
 * Checked in-process, a batch is the records themselves.
 */
export type CheckedBatch = Checked<unknown>[] | { packed: ArrayBuffer };

/**
 * Packs checked records; post `packed` with `transfer` as its transfer list. Each record is written as
 * it comes, so that a worker checking a batch holds one record's objects at a time, not the batch's
 * (its young generation is small: what survives a collection is copied). A null ends the batch.
 */
export function packChecked(results: Iterable<Checked<unknown>>): {
  packed: ArrayBuffer;
  transfer: ArrayBuffer[];
} {
  const serializer = new v8.DefaultSerializer();
  serializer.writeHeader();
  for (const result of results) serializer.writeValue(result);
  serializer.writeValue(null);
  const bytes = serializer.releaseBuffer();
  // The Buffer owns its memory, but a Buffer may be a view into a shared pool: never transfer that.
  const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const packed = (
    owned ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
  ) as ArrayBuffer;
  return { packed, transfer: [packed] };
}

/** The records of a batch, unpacked if it was packed (byte fields come back as Buffers). */
export function unpackChecked(batch: CheckedBatch): Checked<unknown>[] {
  if (Array.isArray(batch)) return batch;
  const deserializer = new v8.DefaultDeserializer(Buffer.from(batch.packed));
  deserializer.readHeader();
  const results: Checked<unknown>[] = [];
  for (let value = deserializer.readValue(); value !== null; value = deserializer.readValue())
    results.push(value as Checked<unknown>);
  return results;
}

/** The buffers to transfer with a batch posted to another thread. */
export function transferOf(batch: CheckedBatch): ArrayBuffer[] {
  return Array.isArray(batch) ? [] : [batch.packed];
}
