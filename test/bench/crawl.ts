/**
 * npm run bench:crawl — the crawler against the fixture web on 127.0.0.1.
 *
 * The fixture web runs in a child process (fixture-web-child.ts), as the stores would be elsewhere.
 *
 * 1. Static: 1,000 compliant stores spread over 10 hosts, each host spaced S ms apart (for each S in
 *    BENCH_SPACINGS_MS; 500, 250, 100 by default), a fresh crawler each time. No crawler
 *    can beat hosts × 1000 / spacing pages/s (the politeness bound); the figure is the ratio to it.
 * 2. Browser: script-built stores rendered in Chromium (a pool of 2, browsers retired every 25 pages),
 *    pages/s, with the memory of this process plus every Chromium process sampled all along (PSS, so
 *    pages shared between Chromium's processes count once), and the count of Chromium processes.
 *    "No growth": the peak of the last third of the run against the peak of the first third.
 */
import { corpusAccuracy } from './corpus-accuracy.ts';
import { licencePictureCrawl } from './ocr-crawl.ts';
import fs from 'node:fs';
import path from 'node:path';
import { findChromium } from '../../crawlers/browser/chromium.ts';
import { BrowserPool } from '../../crawlers/browser/pool.ts';
import { DirectoryEvidenceStore } from '../../crawlers/evidence.ts';
import { StoreVerifier } from '../../crawlers/verify/verify-store.ts';
import type { Verification } from '../../crawlers/verify/verification.ts';
import { CRAWLER_USER_AGENT } from '../../crawlers/version.ts';
import type { FixtureCase } from '../../fixtures/web/index.ts';
import { fork } from 'node:child_process';
import { processTree } from '../helpers/processes.ts';
import { fmtFixed, fmtInt, machine, table, tempDir } from './lib.ts';

const STORES = Number(process.env.BENCH_STORES ?? 1000);
const HOSTS = Number(process.env.BENCH_HOSTS ?? 10);
/** Per-host spacings to crawl the static stores at: politely (500 ms) down to where CPU becomes the limit. */
const SPACINGS = (process.env.BENCH_SPACINGS_MS ?? '500,250,100').split(',').map(Number);
const SCRIPT_STORES = Number(process.env.BENCH_SCRIPT_STORES ?? 150);

/** Proportional set size in MiB (shared pages split between the processes that share them). */
function pssMiB(pid: number): number {
  try {
    const text = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+) kB/m.exec(text)?.[1] ?? 0) / 1024;
  } catch {
    return 0; // the process ended between ps and the read
  }
}

interface Sample {
  at: number;
  mib: number;
  chromium: number;
}

function isChromium(pid: number): boolean {
  try {
    return /chrom/i.test(fs.readFileSync(`/proc/${pid}/comm`, 'utf8'));
  } catch {
    return false;
  }
}

/** This process and the Chromium processes below it (tsx's esbuild and ps itself are not counted). */
function crawlerProcesses(): number[] {
  return processTree([process.pid]).filter((pid) => pid === process.pid || isChromium(pid));
}

function sampler(intervalMs: number) {
  const samples: Sample[] = [];
  const timer = setInterval(() => {
    const pids = crawlerProcesses();
    samples.push({
      at: performance.now(),
      mib: pids.reduce((sum, pid) => sum + pssMiB(pid), 0),
      chromium: pids.length - 1,
    });
  }, intervalMs);
  return { samples, stop: () => clearInterval(timer) };
}

async function crawl(verifier: StoreVerifier, stores: FixtureCase[]) {
  const started = performance.now();
  const results = await Promise.all(stores.map((s) => verifier.verifyStore({ url: s.url, filed: s.filed })));
  const seconds = (performance.now() - started) / 1000;
  const wrong = results.filter((r, i) => r.verdict !== stores[i]!.expect.verdict);
  const why = new Map<string, number>();
  for (const r of wrong)
    why.set(
      `${r.verdict}/${r.reason ?? '-'}: ${r.detail.slice(0, 80)}`,
      (why.get(`${r.verdict}/${r.reason ?? '-'}: ${r.detail.slice(0, 80)}`) ?? 0) + 1,
    );
  for (const [reason, n] of why) console.log(`  wrong verdict ×${n}: ${reason}`);
  return { seconds, pagesPerSecond: stores.length / seconds, wrong: wrong.length, results };
}

/** What OCR of licence pictures cost inside a run: pictures read and tesseract's time per picture. */
async function ocrCost(results: Verification[], evidence: DirectoryEvidenceStore) {
  const ms: number[] = [];
  for (const r of results) {
    if (!r.evidence.ocr) continue;
    const reading = await evidence.get(r.evidence.ocr.sha256);
    if (reading) ms.push((JSON.parse(reading.toString('utf8')) as { ms: number }).ms);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0;
  return { pictures: ms.length, p50: at(0.5), p95: at(0.95) };
}

/** The folders of saved pages with a cases.json (test/bench/corpus-accuracy.ts), relative to the repository. */
const CORPORA = ['fixtures/pages/misjudged', 'fixtures/pages/real-corpus', '.local-corpus/real-pages'];

async function main() {
  console.log(`machine: ${machine()}`);
  // Verdicts on saved pages (no network), every corpus: the pages of the classes misjudged before
  // issue 17, the real pages whose licence lets us publish them, and the real pages kept only locally
  // (.local-corpus, not in the repository: reported where it exists).
  for (const dir of CORPORA) {
    const at = new URL(`../../${dir}/`, import.meta.url).pathname;
    if (!fs.existsSync(path.join(at, 'cases.json'))) {
      console.log(`corpus ${dir}: not present here (kept locally only)`);
      continue;
    }
    const corpus = corpusAccuracy(at);
    console.log(
      `corpus ${dir}: ${corpus.right}/${corpus.pages} verdicts as expected (${fmtFixed((100 * corpus.right) / corpus.pages, 0)}%)`,
    );
    for (const miss of corpus.misses) console.log(`  miss: ${miss}`);
  }
  // Licence pictures inside the crawl: fetched, read with OCR, judged (issue 17).
  const pictures = await licencePictureCrawl();
  console.log(
    `licence pictures in the crawl: ${pictures.stores} stores in ${fmtFixed(pictures.seconds)} s; tesseract per picture p50 ${fmtInt(pictures.ocr.p50)} ms, p95 ${fmtInt(pictures.ocr.p95)} ms; per store p50 ${fmtInt(pictures.wall.p50)} ms, p95 ${fmtInt(pictures.wall.p95)} ms`,
  );
  for (const [quality, q] of pictures.byQuality)
    console.log(
      `  ${quality}: ${q.expected}/${q.n} as expected, ${q.imageOnly} image_only, ${q.wrong} wrong`,
    );
  const child = fork(
    new URL('./fixture-web-child.ts', import.meta.url),
    [JSON.stringify({ bench: { stores: STORES, hosts: HOSTS, scriptStores: SCRIPT_STORES } })],
    {
      execArgv: ['--import', 'tsx'],
    },
  );
  const web = await new Promise<{ bench: FixtureCase[] }>((resolve) =>
    child.once('message', (m) => resolve(m as { bench: FixtureCase[] })),
  );
  const evidence = new DirectoryEvidenceStore(tempDir('crawl-evidence'));
  const staticStores = web.bench.filter((s) => !s.browser);
  const scriptStores = web.bench.filter((s) => s.browser);

  // 1. Static crawls under the politeness bound.
  const staticRuns: { spacing: number; bound: number; run: Awaited<ReturnType<typeof crawl>> }[] = [];
  for (const spacing of SPACINGS) {
    const verifier = new StoreVerifier({
      evidence,
      browser: null,
      politeness: {
        perHostSpacingMs: spacing,
        perHostConcurrency: 1,
        globalConcurrency: 32,
        expirationMs: 60_000,
      },
    });
    await verifier.warm();
    const run = await crawl(verifier, staticStores);
    const ocr = await ocrCost(run.results, evidence);
    console.log(
      `  static run at ${spacing} ms: ${ocr.pictures} licence pictures read by OCR in the crawl, tesseract p50 ${fmtInt(ocr.p50)} ms, p95 ${fmtInt(ocr.p95)} ms per picture`,
    );
    staticRuns.push({ spacing, bound: (HOSTS * 1000) / spacing, run });
    await verifier.close();
  }

  // 2. Browser crawl of script-built stores, memory sampled all along.
  const browser = new BrowserPool({
    executablePath: findChromium(),
    userAgent: CRAWLER_USER_AGENT,
    slots: 2,
    pagesPerBrowser: 25,
  });
  const browserVerifier = new StoreVerifier({
    evidence,
    browser,
    politeness: { perHostSpacingMs: 0, perHostConcurrency: 2, globalConcurrency: 4, expirationMs: 60_000 },
  });
  await browserVerifier.warm();
  const memory = sampler(1000);
  const browserRun = await crawl(browserVerifier, scriptStores);
  memory.stop();
  const retired = browser.counters.retired;
  await browserVerifier.close();
  child.send('close');
  await new Promise((resolve) => child.once('exit', resolve));
  const afterClose = crawlerProcesses().length - 1;

  const third = Math.floor(memory.samples.length / 3);
  const first = memory.samples.slice(0, third);
  const last = memory.samples.slice(-third);
  const peak = (samples: Sample[], key: 'mib' | 'chromium') => Math.max(...samples.map((s) => s[key]));

  console.log('');
  console.log(
    table(
      [
        'run',
        'stores',
        'hosts',
        'spacing ms',
        'seconds',
        'pages/s',
        'bound pages/s',
        'ratio',
        'wrong verdicts',
      ],
      [
        ...staticRuns.map(({ spacing, bound, run }) => [
          'static',
          fmtInt(staticStores.length),
          String(HOSTS),
          String(spacing),
          fmtFixed(run.seconds),
          fmtFixed(run.pagesPerSecond),
          fmtFixed(bound),
          fmtFixed(run.pagesPerSecond / bound),
          String(run.wrong),
        ]),
        [
          'browser',
          fmtInt(scriptStores.length),
          String(HOSTS),
          '0',
          fmtFixed(browserRun.seconds),
          fmtFixed(browserRun.pagesPerSecond),
          '—',
          '—',
          String(browserRun.wrong),
        ],
      ],
    ),
  );
  console.log('');
  console.log(
    table(
      [
        'browser run',
        'PSS peak MiB (node + Chromium)',
        'Chromium processes peak',
        'browsers retired',
        'processes left after close',
      ],
      [
        ['first third', fmtFixed(peak(first, 'mib'), 0), String(peak(first, 'chromium')), '', ''],
        ['last third', fmtFixed(peak(last, 'mib'), 0), String(peak(last, 'chromium')), '', ''],
        [
          'whole run',
          fmtFixed(peak(memory.samples, 'mib'), 0),
          String(peak(memory.samples, 'chromium')),
          String(retired),
          String(afterClose),
        ],
      ],
    ),
  );
  console.log(
    `memory growth, last third against first third: ${fmtFixed(peak(last, 'mib') / peak(first, 'mib'))}×`,
  );
}

await main();
