import type { Keyring } from '../keys/keyring.ts';
import type { FilingKind } from './receipt.ts';
import type { SourceOptions } from './sources.ts';
import type { Checker, StageDiscarder, StreamedIntake } from './intake.ts';

/**
 * What a kind of filing plugs into the machinery: its checker (database-free, on a check worker), the
 * intake that takes checked records in against what is filed (on the writer), and how to remove what an
 * unpublished filing of the kind staged. Registered once, in src/kinds.ts.
 */
export interface FilingKindSpec<Stores = unknown> {
  /** How the body's records are read: field names, required CSV columns, longest record. */
  source: SourceOptions;
  checker: (keys: Keyring) => Checker;
  intake: (stores: Stores, platformId: number) => StreamedIntake;
  discard: (stores: Stores) => StageDiscarder;
}

const kinds = new Map<FilingKind, FilingKindSpec<never>>();

export function registerKind<Stores>(kind: FilingKind, spec: FilingKindSpec<Stores>): void {
  kinds.set(kind, spec as FilingKindSpec<never>);
}

export function kindSpec<Stores>(kind: FilingKind): FilingKindSpec<Stores> {
  const spec = kinds.get(kind);
  if (!spec) throw new Error(`no filing kind ${kind} is registered`);
  return spec as unknown as FilingKindSpec<Stores>;
}

export function checkerFactory(kind: FilingKind): (keys: Keyring) => Checker {
  return kindSpec(kind).checker;
}

/** Bytes come back from a worker as Uint8Array; the stores want Buffers. No copy is made. */
export function asBuffer(bytes: Uint8Array): Buffer;
export function asBuffer(bytes: Uint8Array | null): Buffer | null;
export function asBuffer(bytes: Uint8Array | null): Buffer | null {
  if (bytes === null || Buffer.isBuffer(bytes)) return bytes as Buffer | null;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
