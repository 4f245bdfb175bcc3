/**
 * npm run bench:sellers [-- --records 100000 --runs 3 --bad-share 0 --tmp DIR --profile DIR]
 *
 * Files generated sellers over HTTP (one NDJSON POST /v1/sellers to a `marketgate serve` child process)
 * and compares the rate with inserting the same rows straight through the storage layer in this
 * process. Each path runs --runs times on a fresh data folder; the medians are reported.
 *
 * Timed regions:
 * - http: from the start of fetch() to the last byte of the receipt (upload, splitting the body, the
 *   checks on the gateway's check workers, the filing writer's look-ups, staging and publishing, the
 *   signed receipt), with the gateway's default settings apart from MARKETGATE_LOG_LEVEL=silent;
 * - direct write: the gateway's filing writer (src/filings/writer.ts) run in this process on records
 *   checked beforehand: begin, take (look-ups against what is filed, staging in transactions of 1,000),
 *   finish (current sellers, signed receipt, filing row, synchronous=FULL commit). That is everything
 *   the gateway does with the storage layer, and nothing else;
 * - split and validate+prepare: what comes before the writer, on this one thread, timed separately
 *   (not part of "direct"), so that one sees where the HTTP time goes.
 *
 * The direct path drives the filing machinery by hand (sellerChecker, gw.writer); when that interface
 * changes, directRun() must follow it.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { formatSellers, generateSellers } from '../../fixtures/generate/sellers.ts';
import { addPlatform } from '../../src/accounts/service.ts';
import { loadConfig } from '../../src/config.ts';
import type { Checked } from '../../src/filings/intake.ts';
import type { Receipt } from '../../src/filings/receipt.ts';
import { parseLine, type RawRecord, readRecords } from '../../src/filings/sources.ts';
import { openGateway } from '../../src/gateway.ts';
import { utcNow } from '../../src/lib/dates.ts';
import { newId } from '../../src/lib/ids.ts';
import { SELLER_SOURCE, sellerChecker } from '../../src/sellers/file-sellers.ts';
import {
  fmtFixed,
  fmtInt,
  machine,
  median,
  procMemoryMiB,
  removeDir,
  settle,
  startGatewayChild,
  table,
  tempDir,
} from './lib.ts';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    'bad-share': { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
    tmp: { type: 'string' },
    profile: { type: 'string' },
  },
});
const RECORDS = Number(args.records);
const RUNS = Number(args.runs);
const BAD_SHARE = Number(args['bad-share']);
const SEED = Number(args.seed);
// Records per check batch, as the gateway sends them to its check workers (src/filings/streamed.ts).
const CHECK_BATCH = 500;
const PLATFORM = { slug: 'bench', name: 'Bench', uscc: '91330106673959654P' };

// As the CLI does: everything the gateway writes is for its owner only.
process.umask(0o077);

function freshGateway(label: string) {
  const dir = tempDir(label, args.tmp);
  // No worker threads in this process: the filing writer runs in-process, on this connection.
  const gw = openGateway(loadConfig({ dataDir: dir, logLevel: 'silent', checkWorkers: 0 }));
  const { key } = addPlatform(gw.accounts, PLATFORM);
  const platform = gw.accounts.platformBySlug(PLATFORM.slug)!;
  return { dir, gw, key, platform: { id: platform.id, slug: platform.slug } };
}

function checkCounts(label: string, counts: { created: number; rejected?: number }, good: number) {
  if (counts.created !== good) {
    throw new Error(`${label}: expected ${good} sellers created, got ${JSON.stringify(counts)}`);
  }
  if (counts.rejected !== undefined && counts.rejected !== RECORDS - good) {
    throw new Error(`${label}: expected ${RECORDS - good} rejected, got ${JSON.stringify(counts)}`);
  }
}

/** The filed sellers really are there, current and each with its first version. */
function checkStored(label: string, db: Database.Database, good: number) {
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const sellers = count('SELECT count(*) FROM sellers');
  const versions = count('SELECT count(*) FROM seller_versions');
  if (sellers !== good || versions !== good) {
    throw new Error(`${label}: ${sellers} sellers and ${versions} versions stored, expected ${good}`);
  }
}

interface HttpRun {
  seconds: number;
  peakRssMiB: number;
  idleRssMiB: number;
}

async function httpRun(body: Uint8Array<ArrayBuffer>, good: number, run: number): Promise<HttpRun> {
  // Register the platform in the folder first, then let the child open it.
  const { dir, gw, key } = freshGateway('http');
  gw.close();
  const child = await startGatewayChild(dir, {
    env: { MARKETGATE_LOG_LEVEL: 'silent' },
    nodeArgs: args.profile ? ['--cpu-prof', '--cpu-prof-dir', args.profile] : [],
  });
  try {
    const health = await fetch(`${child.url}/healthz`);
    if (!health.ok) throw new Error(`GET /healthz answered ${health.status}`);
    await health.arrayBuffer();
    const idleRssMiB = procMemoryMiB(child.pid, 'VmRSS');

    const started = performance.now();
    const res = await fetch(`${child.url}/v1/sellers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body,
    });
    const text = await res.text();
    const seconds = (performance.now() - started) / 1000;

    if (res.status !== 201) throw new Error(`POST /v1/sellers answered ${res.status}: ${text.slice(0, 500)}`);
    checkCounts(`http run ${run}`, (JSON.parse(text) as Receipt).counts, good);
    const peakRssMiB = procMemoryMiB(child.pid, 'VmHWM');
    return { seconds, peakRssMiB, idleRssMiB };
  } finally {
    const code = await child.stop();
    if (code !== 0 && code !== null) console.error(`gateway exited with ${code}:\n${child.stderr()}`);
    try {
      if (code === 0) {
        const db = new Database(path.join(dir, 'marketgate.db'), { readonly: true });
        try {
          checkStored(`http run ${run}`, db, good);
        } finally {
          db.close();
        }
      }
    } finally {
      removeDir(dir);
    }
  }
}

/** The body in 64 KiB pieces, as a request stream delivers it. */
async function* chunksOf(body: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < body.length; at += size) yield body.subarray(at, at + size);
}

interface DirectRun {
  parseSeconds: number;
  prepareSeconds: number;
  writeSeconds: number;
}

async function directRun(body: Uint8Array<ArrayBuffer>, good: number, run: number): Promise<DirectRun> {
  const { dir, gw, platform } = freshGateway('direct');
  try {
    // 1. The body split into (unparsed) NDJSON lines, with the gateway's own reader.
    let t = performance.now();
    const raws: RawRecord[] = [];
    const lines = readRecords('ndjson', chunksOf(body), SELLER_SOURCE, { deferParsing: true });
    for await (const raw of lines) raws.push(raw);
    const parseSeconds = (performance.now() - t) / 1000;

    // 2. The check (JSON.parse, validation, encryption, keyed hashes, digest), on a check worker in the
    //    gateway, here on this thread, in the gateway's batches.
    t = performance.now();
    const check = sellerChecker(gw.keys);
    const now = new Date();
    const batches: Checked<unknown>[][] = [];
    for (let at = 0; at < raws.length; at += CHECK_BATCH) {
      batches.push(raws.slice(at, at + CHECK_BATCH).map((raw) => check(parseLine(raw), now)));
    }
    const prepareSeconds = (performance.now() - t) / 1000;
    raws.length = 0;

    // 3. The storage write, timed: the gateway's filing writer (in this process, on this connection)
    //    takes the checked records in (look-ups against what is filed, staging in transactions of 1,000)
    //    and publishes the filing (current sellers, signed receipt, filing row, synchronous=FULL commit).
    const filingId = newId();
    t = performance.now();
    await gw.writer.begin({
      filingId,
      kind: 'sellers',
      platform,
      receivedAt: utcNow(),
      idempotencyKey: null,
    });
    for (const batch of batches) await gw.writer.take(filingId, batch);
    const finished = await gw.writer.finish(filingId, { bodySha256: '0'.repeat(64), atomic: false });
    const writeSeconds = (performance.now() - t) / 1000;
    checkCounts(`direct run ${run}`, finished.signed.counts, good);
    checkStored(`direct run ${run}`, gw.db, good);
    return { parseSeconds, prepareSeconds, writeSeconds };
  } finally {
    gw.close();
    removeDir(dir);
  }
}

async function main() {
  if (!Number.isInteger(RECORDS) || RECORDS < 1) throw new Error('--records must be a positive integer');
  if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs must be a positive integer');
  if (!(BAD_SHARE >= 0 && BAD_SHARE < 1)) throw new Error('--bad-share must be in [0, 1)');

  console.log(`bench:sellers on ${machine()}`);
  const t = performance.now();
  const fixtures = [...generateSellers({ count: RECORDS, seed: SEED, badShare: BAD_SHARE, idPrefix: 'B' })];
  const good = fixtures.filter((f) => f.expectedError === null).length;
  const body = new TextEncoder().encode(
    formatSellers(
      fixtures.map((f) => f.record),
      'ndjson',
    ),
  );
  fixtures.length = 0;
  console.log(
    `generated ${fmtInt(RECORDS)} sellers (seed ${SEED}, bad share ${BAD_SHARE}: ${fmtInt(good)} good), ` +
      `${(body.length / 1024 ** 2).toFixed(1)} MiB of NDJSON in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  console.log(`${RUNS} runs per path, each on a fresh data folder; medians below.\n`);

  const http: HttpRun[] = [];
  const direct: DirectRun[] = [];
  for (let run = 1; run <= RUNS; run++) {
    // Alternate the order so that neither path always runs on a warmer machine.
    const order = run % 2 ? (['http', 'direct'] as const) : (['direct', 'http'] as const);
    for (const which of order) {
      await settle();
      if (which === 'http') {
        const r = await httpRun(body, good, run);
        http.push(r);
        console.log(
          `run ${run} http:   ${r.seconds.toFixed(2)} s, ${fmtInt(RECORDS / r.seconds)} records/s, gateway peak RSS ${r.peakRssMiB.toFixed(0)} MiB`,
        );
      } else {
        const r = await directRun(body, good, run);
        direct.push(r);
        console.log(
          `run ${run} direct: write ${r.writeSeconds.toFixed(2)} s (${fmtInt(good / r.writeSeconds)} rows/s); ` +
            `split ${r.parseSeconds.toFixed(2)} s, validate+prepare ${r.prepareSeconds.toFixed(2)} s (not in "direct")`,
        );
      }
    }
  }

  const httpRate = median(http.map((r) => RECORDS / r.seconds));
  const directRate = median(direct.map((r) => good / r.writeSeconds));
  const prepareRate = median(direct.map((r) => RECORDS / r.prepareSeconds));
  const parseRate = median(direct.map((r) => RECORDS / r.parseSeconds));
  const inProcessRate = median(
    direct.map((r) => RECORDS / (r.parseSeconds + r.prepareSeconds + r.writeSeconds)),
  );
  const ratio = httpRate / directRate;
  const peak = median(http.map((r) => r.peakRssMiB));
  const idle = median(http.map((r) => r.idleRssMiB));

  console.log(`\nmedians of ${RUNS} runs:\n`);
  console.log(
    table(
      [
        'records',
        'http records/s',
        'direct records/s',
        'ratio',
        'gateway peak RSS MB',
        'validate+prepare records/s',
      ],
      [
        [
          fmtInt(RECORDS),
          fmtInt(httpRate),
          fmtInt(directRate),
          fmtFixed(ratio, 3),
          fmtInt(peak),
          fmtInt(prepareRate),
        ],
      ],
    ),
  );
  console.log(`
http             POST /v1/sellers, NDJSON, to a \`marketgate serve\` child (log level silent): fetch start
                 to the last byte of the receipt. Median ${median(http.map((r) => r.seconds)).toFixed(2)} s.
direct           the storage write alone, in this process: the gateway's filing writer on records
                 checked beforehand (look-ups, staging in transactions of 1,000, publishing with the
                 signed receipt and a synchronous=FULL commit). Median ${median(direct.map((r) => r.writeSeconds)).toFixed(2)} s.
ratio            http records/s / direct records/s (target: at least 0.50).
peak RSS         VmHWM of the gateway child after the filing (idle after start: ${idle.toFixed(0)} MiB), MiB.
validate+prepare sellerChecker (JSON.parse, zod validation, AES-GCM, HMACs, digest) on one thread, not
                 in "direct"; the gateway runs it on worker threads. Splitting the body into lines alone:
                 ${fmtInt(parseRate)} records/s. Split + validate+prepare + write on one thread, without HTTP:
                 ${fmtInt(inProcessRate)} records/s.
`);
  const met = ratio >= 0.5;
  console.log(
    `target: HTTP at least half the direct rate -> ${met ? 'MET' : 'NOT MET'} (ratio ${ratio.toFixed(3)})`,
  );
}

await main();
