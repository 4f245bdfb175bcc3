/**
 * npm run bench:webhooks [-- --events 10000 --batch 100 --fail-rate 0.5 --delay-scale 0.01 --seed 1
 *                           --pump --max-seconds 1800 --tmp DIR]
 *
 * Webhook deliveries (issue 16): --events events delivered to 3 local receivers, one of them answering
 * 503 to a seeded random --fail-rate of its requests (retries included) — delivery rate, latency p50 /
 * p99 / max, attempts, and nothing lost.
 *
 * Set up (not timed): a gateway on a fresh data folder (openGateway, webhooks.allowPrivateAddresses set
 * before it opens); three regulators (addRegulator: regulators see every event), each registering one
 * webhook with the verb createWebhook (src/events/webhooks.ts) for its own node:http receiver on
 * 127.0.0.1, in this process: A answers 200, B 204, C 503 at random (seeded, per request) and 200
 * otherwise. Every receiver checks each request's Standard Webhooks signature with the webhook's secret.
 *
 * The dispatcher is the gateway's WebhookDispatcher, constructed here (not gw.webhooks) with
 * delayScale = --delay-scale, so that the retries' waits (RETRY_DELAYS_S: 5 s doubling) are scaled down:
 * at 0.01 the first retry comes after 50 ms instead of 5 s. Its jitter takes a seeded random source.
 * With --pump the benchmark also calls its poke() every millisecond, as a dispatcher that started its
 * next pass as soon as one ended would do (the shipped one waits for the next event or its 1 s timer).
 *
 * Timed: the dispatcher is started, then the events are appended all at once ("burst"), directly with
 * gw.events.append in transactions of --batch events (type list.entered, no subject: not the verbs, which
 * would time their own work too; the fan-out and delivery are the same). Latency of an event at a
 * receiver: from the commit of its append's transaction to the moment the receiver answers 2xx to it.
 * Deliveries/s: deliveries accepted (2xx) by all receivers ÷ the time from the first commit to the last
 * 2xx. The run ends when the database has no pending delivery (or after --max-seconds).
 *
 * Checked, exit code 1 when any fails: each receiver accepted every seq (unique 2xx seqs = --events),
 * with the same webhook-id on every attempt of a seq and a valid signature on every request; the
 * database counts delivered = --events, pending = failed = cancelled = 0 for each webhook.
 *
 * Real delays: the failing receiver's latencies are also estimated as they would be with delayScale 1:
 * each accepted seq's measured latency plus (1 − scale) × the nominal waits before its attempts
 * (RETRY_DELAYS_S[0] + ... + RETRY_DELAYS_S[k − 2] for k attempts; jitter averages out), as if the
 * queueing stayed the same. The receivers that never fail do not depend on the scale.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';
import { seededRandom } from '../../fixtures/generate/random.ts';
import { addRegulator, authenticate } from '../../src/accounts/service.ts';
import { loadConfig } from '../../src/config.ts';
import { RETRY_DELAYS_S, WebhookDispatcher } from '../../src/events/dispatcher.ts';
import { createWebhook } from '../../src/events/webhooks.ts';
import { openGateway } from '../../src/gateway.ts';
import { fmtFixed, fmtInt, machine, removeDir, table, tempDir } from './lib.ts';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '10000' },
    batch: { type: 'string', default: '100' },
    'fail-rate': { type: 'string', default: '0.5' },
    'delay-scale': { type: 'string', default: '0.01' },
    seed: { type: 'string', default: '1' },
    pump: { type: 'boolean', default: false },
    'max-seconds': { type: 'string', default: '1800' },
    tmp: { type: 'string' },
  },
});
const EVENTS = Number(args.events);
const BATCH = Number(args.batch);
const FAIL_RATE = Number(args['fail-rate']);
const SCALE = Number(args['delay-scale']);
const SEED = Number(args.seed);
const MAX_MS = Number(args['max-seconds']) * 1000;
process.umask(0o077);

interface Receiver {
  name: string;
  answers: string;
  url: string;
  secret: string;
  requests: number;
  failed: number;
  badSignatures: number;
  idChanged: number;
  duplicateOk: number;
  /** By seq − first seq: requests seen, the moment of the first 2xx (performance.now()), 2xx answers. */
  attempts: Uint16Array;
  okAt: Float64Array;
  okCount: Uint16Array;
  ids: (string | undefined)[];
  lastOkAt: number;
  server: http.Server;
}

let firstSeq = 1;
/** When each request reached a receiver (performance.now()), all receivers together. */
const requestTimes: number[] = [];

async function startReceiver(name: string, answers: string, answer: () => number): Promise<Receiver> {
  const r: Receiver = {
    name,
    answers,
    url: '',
    secret: '',
    requests: 0,
    failed: 0,
    badSignatures: 0,
    idChanged: 0,
    duplicateOk: 0,
    attempts: new Uint16Array(EVENTS),
    okAt: new Float64Array(EVENTS).fill(Number.NaN),
    okCount: new Uint16Array(EVENTS),
    ids: new Array<string | undefined>(EVENTS),
    lastOkAt: 0,
    server: http.createServer(),
  };
  let verifier: Webhook | undefined;
  r.server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      r.requests++;
      requestTimes.push(performance.now());
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = {
        'webhook-id': String(req.headers['webhook-id']),
        'webhook-timestamp': String(req.headers['webhook-timestamp']),
        'webhook-signature': String(req.headers['webhook-signature']),
      };
      verifier ??= new Webhook(r.secret);
      try {
        verifier.verify(body, headers);
      } catch {
        r.badSignatures++;
      }
      const i = (JSON.parse(body) as { seq: number }).seq - firstSeq;
      r.attempts[i]!++;
      const before = r.ids[i];
      if (before === undefined) r.ids[i] = headers['webhook-id'];
      else if (before !== headers['webhook-id']) r.idChanged++;
      const status = answer();
      if (status >= 200 && status < 300) {
        const now = performance.now();
        if (r.okCount[i]! === 0) r.okAt[i] = now;
        else r.duplicateOk++;
        r.okCount[i]!++;
        r.lastOkAt = now;
      } else r.failed++;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 503 ? 'try later' : '');
    });
  });
  await new Promise<void>((resolve) => r.server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(r.server.address() as AddressInfo).port}/hooks/${name}`;
  return r;
}

/** The nearest-rank percentile of sorted values. */
const pct = (sorted: readonly number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
const ms = (v: number) => (v >= 1000 ? `${fmtFixed(v / 1000, 2)} s` : `${fmtFixed(v, 1)} ms`);
/** Nominal wait before the k-th attempt, summed over the retries (RETRY_DELAYS_S, jitter averaged out). */
const nominalWaitMs = (attempts: number) =>
  RETRY_DELAYS_S.slice(0, Math.max(0, attempts - 1)).reduce((a, b) => a + b, 0) * 1000;

async function main() {
  console.log(
    `machine: ${machine()}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `${fmtInt(EVENTS)} events (burst, transactions of ${BATCH}, appended directly with gw.events.append), ` +
      `3 receivers, C failing ${FAIL_RATE * 100}% (seed ${SEED}), delayScale ${SCALE}` +
      (args.pump ? ', pumped (poke() every ms)' : ', dispatcher as shipped (no pump)'),
  );
  const dir = tempDir('webhooks', args.tmp);
  const config = loadConfig({ dataDir: dir, logLevel: 'silent' });
  config.webhooks.allowPrivateAddresses = true;
  const gw = openGateway(config);
  const failRandom = seededRandom(SEED);
  const receivers = [
    await startReceiver('A', '200', () => 200),
    await startReceiver('B', '204', () => 204),
    await startReceiver('C', `503 ${FAIL_RATE * 100}% / 200`, () =>
      failRandom.chance(FAIL_RATE) ? 503 : 200,
    ),
  ];
  const webhookIds: string[] = [];
  for (const r of receivers) {
    const { token } = addRegulator(gw.accounts, { name: `bench-webhooks-${r.name}` });
    const principal = authenticate(gw.accounts, token);
    const created = createWebhook(gw, principal, { url: r.url, events: ['list.entered'] });
    r.secret = created.secret;
    webhookIds.push(created.webhook_id);
  }
  const jitter = seededRandom(SEED + 1);
  const dispatcher = new WebhookDispatcher({
    events: gw.events,
    keys: gw.keys,
    logger: gw.logger,
    config: gw.config.webhooks,
    delayScale: SCALE,
    random: jitter.next,
  });
  const pendingQ = gw.db.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'pending'",
  );
  const attemptsQ = gw.db.prepare<[string], { avg: number; max: number }>(
    'SELECT avg(attempts) AS avg, max(attempts) AS max FROM webhook_deliveries WHERE webhook_id = ?',
  );

  firstSeq = gw.events.head() + 1;
  const appendedAt = new Float64Array(EVENTS);
  dispatcher.start();
  const pump = args.pump ? setInterval(() => dispatcher.poke(), 1) : undefined;
  const t0 = performance.now();
  for (let done = 0; done < EVENTS;) {
    const n = Math.min(BATCH, EVENTS - done);
    const seqs = gw.events.transaction(() => {
      const out: number[] = [];
      const now = new Date();
      for (let k = 0; k < n; k++)
        out.push(
          gw.events.append(
            {
              type: 'list.entered',
              subject_id: null,
              data: { entry_id: `bench-${done + k}`, list: 'abnormal', bench: true },
            },
            now,
          ),
        );
      return out;
    });
    const committed = performance.now();
    for (const seq of seqs) appendedAt[seq - firstSeq] = committed;
    done += n;
  }
  const appendMs = performance.now() - t0;
  if (gw.events.head() !== firstSeq + EVENTS - 1) throw new Error('the events are not numbered 1..N');
  console.log(`appended ${fmtInt(EVENTS)} events in ${ms(appendMs)}`);

  let pending = pendingQ.get()!.n;
  let lastReport = performance.now();
  let timedOut = false;
  while (pending > 0) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    pending = pendingQ.get()!.n;
    const now = performance.now();
    if (now - lastReport >= 10_000) {
      lastReport = now;
      const accepted = receivers.map((r) => r.okCount.reduce((a, c) => a + (c > 0 ? 1 : 0), 0));
      console.log(
        `  ${fmtFixed((now - t0) / 1000, 0)} s: accepted ${accepted.map(fmtInt).join(' / ')}, ` +
          `${fmtInt(pending)} deliveries pending`,
      );
    }
    if (now - t0 > MAX_MS) {
      timedOut = true;
      break;
    }
  }
  clearInterval(pump);
  await dispatcher.stop();
  const lastOk = Math.max(...receivers.map((r) => r.lastOkAt));

  const rows: string[][] = [];
  const problems: string[] = [];
  let totalOk = 0;
  let estimate: number[] = [];
  for (const [k, r] of receivers.entries()) {
    const lat: number[] = [];
    const est: number[] = [];
    let unique = 0;
    for (let i = 0; i < EVENTS; i++) {
      if (r.okCount[i]! === 0) continue;
      unique++;
      const l = r.okAt[i]! - appendedAt[i]!;
      lat.push(l);
      est.push(l + (1 - SCALE) * nominalWaitMs(r.attempts[i]!));
    }
    lat.sort((a, b) => a - b);
    est.sort((a, b) => a - b);
    if (r.failed) estimate = est;
    totalOk += unique;
    const db = gw.events.deliveryCounts(webhookIds[k]!);
    const att = attemptsQ.get(webhookIds[k]!)!;
    rows.push([
      r.name,
      r.answers,
      fmtInt(r.requests),
      fmtInt(unique),
      fmtInt(r.duplicateOk),
      `${fmtFixed(att.avg)} / ${att.max}`,
      ms(pct(lat, 50)),
      ms(pct(lat, 99)),
      ms(lat.at(-1) ?? NaN),
      `${fmtInt(db.delivered)} / ${db.pending} / ${db.failed} / ${db.cancelled}`,
    ]);
    if (unique !== EVENTS) problems.push(`${r.name}: ${EVENTS - unique} seqs never accepted`);
    if (r.duplicateOk) problems.push(`${r.name}: ${r.duplicateOk} seqs accepted more than once`);
    if (r.badSignatures) problems.push(`${r.name}: ${r.badSignatures} bad signatures`);
    if (r.idChanged) problems.push(`${r.name}: ${r.idChanged} retries with another webhook-id`);
    if (db.delivered !== EVENTS || db.pending || db.failed || db.cancelled)
      problems.push(`${r.name}: database counts ${JSON.stringify(db)}`);
  }
  const seconds = (lastOk - t0) / 1000;
  // The backlog's drain: until the receivers that never fail had accepted everything.
  const steady = receivers.filter((r) => !r.failed);
  const drainEnd = steady.length ? Math.max(...steady.map((r) => r.lastOkAt)) : lastOk;
  const drainRequests = requestTimes.filter((t) => t <= drainEnd).length;
  const drainAccepted = receivers.reduce(
    (a, r) => a + r.okAt.reduce((n, t) => n + (t <= drainEnd ? 1 : 0), 0),
    0,
  );
  console.log('');
  console.log(
    table(
      [
        'receiver',
        'answers',
        'requests',
        'unique 2xx seqs',
        'dup 2xx',
        'attempts avg / max',
        'p50',
        'p99',
        'max',
        'DB delivered / pending / failed / cancelled',
      ],
      rows,
    ),
  );
  console.log('');
  console.log(
    `deliveries accepted: ${fmtInt(totalOk)} in ${fmtFixed(seconds, 2)} s from the first commit = ` +
      `${fmtInt(totalOk / seconds)} deliveries/s (${fmtInt(totalOk / 3 / seconds)} events/s to all three)` +
      `; requests: ${fmtInt(receivers.reduce((a, r) => a + r.requests, 0))}`,
  );
  console.log(
    `backlog drain (until A and B had accepted all, ${fmtFixed((drainEnd - t0) / 1000, 2)} s): ` +
      `${fmtInt(drainRequests / ((drainEnd - t0) / 1000))} requests/s, ` +
      `${fmtInt(drainAccepted / ((drainEnd - t0) / 1000))} deliveries accepted/s`,
  );
  if (estimate.length)
    console.log(
      `receiver C with real retry delays (delayScale 1), estimated: p50 ${ms(pct(estimate, 50))}, ` +
        `p99 ${ms(pct(estimate, 99))}, max ${ms(estimate.at(-1) ?? NaN)} ` +
        `(measured latency + (1 − ${SCALE}) × nominal RETRY_DELAYS_S waits before the accepted attempt)`,
    );
  if (timedOut) problems.unshift(`stopped after --max-seconds ${MAX_MS / 1000} with deliveries pending`);
  for (const r of receivers) await new Promise((resolve) => r.server.close(resolve));
  await gw.close();
  removeDir(dir);
  if (problems.length) {
    console.log(`\nLOST OR WRONG:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  } else console.log('\nnothing lost: every receiver accepted every event once; the database agrees');
}

await main();
