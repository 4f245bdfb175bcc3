import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/database.ts';
import { openKeyring } from '../keys/keyring.ts';
import { openKindStores } from '../kinds.ts';
import { type CheckedBatch, unpackChecked } from './packed.ts';
import { filingsStore } from './store.ts';
import { FilingWriter } from './writer.ts';

/** The filing writer's thread: one database connection, one queue of calls from the main thread. */
const { dataDir } = workerData as { dataDir: string };
const db = openDatabase(dataDir);
const writer = new FilingWriter({
  db,
  keys: openKeyring(dataDir),
  filings: filingsStore(db),
  stores: openKindStores(db),
});

parentPort!.on('message', (m: { id: number; op: string; args: unknown[] }) => {
  try {
    const method = (writer as unknown as Record<string, (...a: unknown[]) => unknown>)[m.op];
    if (typeof method !== 'function') throw new Error(`unknown writer call ${m.op}`);
    // A checked batch arrives packed, as the check worker sent it (packed.ts).
    if (m.op === 'take') m.args[1] = unpackChecked(m.args[1] as CheckedBatch);
    parentPort!.postMessage({ id: m.id, result: method.apply(writer, m.args) });
  } catch (err) {
    parentPort!.postMessage({ id: m.id, error: (err as Error).stack ?? String(err) });
  }
});
