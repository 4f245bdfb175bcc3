/**
 * npm run bench:crawl — the crawler against the fixture web on 127.0.0.1.
 *
 * 1. Static: 1,000 compliant stores spread over 10 hosts, each host spaced SPACING_MS apart. No crawler
 *    can beat hosts × 1000 / spacing pages/s (the politeness bound); the figure is the ratio to it.
 * 2. Browser: script-built stores rendered in Chromium (a pool of 2, browsers retired every 25 pages),
 *    pages/s, with the memory of this process plus every Chromium process sampled all along (PSS, so
 *    pages shared between Chromium's processes count once), and the count of Chromium processes.
 *    "No growth": the peak of the last third of the run against the peak of the first third.
 */
import fs from 'node:fs';
import { findChromium } from '../../crawlers/browser/chromium.ts';
import { BrowserPool } from '../../crawlers/browser/pool.ts';
import { DirectoryEvidenceStore } from '../../crawlers/evidence.ts';
import { StoreVerifier } from '../../crawlers/verify/verify-store.ts';
import { CRAWLER_USER_AGENT } from '../../crawlers/version.ts';
import type { FixtureCase } from '../../fixtures/web/index.ts';
import { startFixtureWeb } from '../../fixtures/web/index.ts';
import { processTree } from '../helpers/processes.ts';
import { fmtFixed, fmtInt, machine, table, tempDir } from './lib.ts';

const STORES = Number(process.env.BENCH_STORES ?? 1000);
const HOSTS = Number(process.env.BENCH_HOSTS ?? 10);
const SPACING_MS = Number(process.env.BENCH_SPACING_MS ?? 100);
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

function sampler(intervalMs: number) {
  const samples: Sample[] = [];
  const timer = setInterval(() => {
    const pids = processTree([process.pid]);
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
  return { seconds, pagesPerSecond: stores.length / seconds, wrong: wrong.length, results };
}

async function main() {
  console.log(`machine: ${machine()}`);
  const web = await startFixtureWeb({ bench: { stores: STORES, hosts: HOSTS, scriptStores: SCRIPT_STORES } });
  const evidence = new DirectoryEvidenceStore(tempDir('crawl-evidence'));
  const staticStores = web.bench.filter((s) => !s.browser);
  const scriptStores = web.bench.filter((s) => s.browser);

  // 1. Static crawl under the politeness bound.
  const staticVerifier = new StoreVerifier({
    evidence,
    browser: null,
    politeness: {
      perHostSpacingMs: SPACING_MS,
      perHostConcurrency: 1,
      globalConcurrency: 32,
      expirationMs: 60_000,
    },
  });
  const staticRun = await crawl(staticVerifier, staticStores);
  await staticVerifier.close();
  const bound = (HOSTS * 1000) / SPACING_MS;

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
  const memory = sampler(250);
  const browserRun = await crawl(browserVerifier, scriptStores);
  memory.stop();
  const retired = browser.counters.retired;
  await browserVerifier.close();
  await web.close();
  const afterClose = processTree([process.pid]).length - 1;

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
        [
          'static',
          fmtInt(staticStores.length),
          String(HOSTS),
          String(SPACING_MS),
          fmtFixed(staticRun.seconds),
          fmtFixed(staticRun.pagesPerSecond),
          fmtFixed(bound),
          fmtFixed(staticRun.pagesPerSecond / bound),
          String(staticRun.wrong),
        ],
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
