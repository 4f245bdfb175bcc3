import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import { openKeyring } from '../keys/keyring.ts';
import { openKindStores } from '../kinds.ts';
import type { TransactionsConnection } from '../transactions/clickhouse/schema.ts';
import { type CheckedBatch, unpackChecked } from './packed.ts';
import { filingsStore } from './store.ts';
import { FilingWriter } from './writer.ts';

/** The filing writer's thread: one database connection, one queue of calls from the main thread. */
const { dataDir, transactions } = workerData as { dataDir: string; transactions?: TransactionsConnection };
const db = openDatabase(dataDir);
const writer = new FilingWriter({
  db,
  keys: openKeyring(dataDir),
  filings: filingsStore(db),
  stores: openKindStores(db, { transactions }),
});

// A refusal (DomainError) crosses as itself, to be answered as one; anything else as its stack.
const failed = (id: number, err: unknown) =>
  parentPort!.postMessage({
    id,
    error: (err as Error).stack ?? String(err),
    refusal: err instanceof DomainError ? { code: err.code, detail: err.detail } : undefined,
  });

parentPort!.on('message', (m: { id: number; op: string; args: unknown[] }) => {
  try {
    if (m.op === 'take') {
      // A checked batch arrives packed, as the check worker sent it (packed.ts); it may wait for what
      // its kind fetches from outside the database, and is taken after the batches sent before it.
      writer.takeInOrder(m.args[0] as string, unpackChecked(m.args[1] as CheckedBatch)).then(
        () => parentPort!.postMessage({ id: m.id, result: undefined }),
        (err: unknown) => failed(m.id, err),
      );
      return;
    }
    const method = (writer as unknown as Record<string, (...a: unknown[]) => unknown>)[m.op];
    if (typeof method !== 'function') throw new Error(`unknown writer call ${m.op}`);
    parentPort!.postMessage({ id: m.id, result: method.apply(writer, m.args) });
  } catch (err) {
    failed(m.id, err);
  }
});
