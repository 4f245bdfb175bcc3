import { parentPort, workerData } from 'node:worker_threads';
import { openKeyring } from '../keys/keyring.ts';
import { checkerFactory } from './kinds.ts';
import { packChecked } from './packed.ts';
import type { FilingKind } from './receipt.ts';
import { parseLine, type RecordBatch, recordsOf } from './sources.ts';
import '../kinds.ts';

/** A worker thread that checks batches of records for the main thread (see check-pool.ts). */
const keys = openKeyring((workerData as { dataDir: string }).dataDir);
const checkers = new Map<FilingKind, ReturnType<ReturnType<typeof checkerFactory>>>();

parentPort!.on('message', (message: { id: number; kind: FilingKind; batch: RecordBatch; now: number }) => {
  try {
    let check = checkers.get(message.kind);
    if (!check) {
      check = checkerFactory(message.kind)(keys);
      checkers.set(message.kind, check);
    }
    const now = new Date(message.now);
    // Packed into one buffer, a record as it is checked, that is transferred to the main thread and on
    // to the writer, unopened.
    const results = (function* () {
      for (const raw of recordsOf(message.batch)) yield check(parseLine(raw), now);
    })();
    const { packed, transfer } = packChecked(results);
    parentPort!.postMessage({ id: message.id, packed }, transfer);
  } catch (err) {
    parentPort!.postMessage({ id: message.id, error: (err as Error).stack ?? String(err) });
  }
});
