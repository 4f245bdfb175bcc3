import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import pino from 'pino';
import { isValidUscc, normalizeUscc } from '../../crawlers/lib/uscc.ts';
import type { CrawlTally } from '../../crawlers/verify/stats.ts';
import type { Verification } from '../../crawlers/verify/verification.ts';
import { type Config, loadConfig } from '../config.ts';
import { openGateway } from '../gateway.ts';
import { createVerifier } from '../verification/verifier.ts';
import { CliError, EXIT, printJson } from './output.ts';

function wholeNumber(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 3650)
      throw new CliError(`${name} must be 0-3650, got "${value}"`, EXIT.usage);
    return n;
  };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** What `crawl` and `verify` may be told beyond the configuration. */
interface CrawlerFlags {
  allowPrivate?: boolean;
  markIssuers?: string;
  data?: string;
}

const ALLOW_PRIVATE =
  "also visit loopback, private and link-local addresses, such as the demo's stores on 127.0.0.1 (off by default: a filed store URL must not lead the crawler into the local network)";
const MARK_ISSUERS =
  'JSON file of trust-mark issuers to recognise beside the built-in ones (instead of MARKETGATE_MARK_ISSUERS_FILE)';

/** The configuration with the flags applied, for this run only. */
function crawlerConfig(o: CrawlerFlags, overrides: { checkWorkers?: number } = {}): Config {
  const config = loadConfig({ dataDir: o.data, ...overrides });
  if (o.allowPrivate) config.crawl.allowPrivateAddresses = true;
  if (o.markIssuers) config.marks.issuersFile = path.resolve(o.markIssuers);
  return config;
}

export function crawlCommands(program: Command): void {
  program
    .command('crawl')
    .description('verify the filed stores: shows live progress, then a summary per verdict and per host')
    .option('--platform <slug>', "only this platform's stores (repeat for more)", collect)
    .option('--stale-days <n>', 'only stores not verified within n days', wholeNumber('--stale-days'))
    .option('--json', 'print the summary as JSON instead of tables')
    .option('--allow-private', ALLOW_PRIVATE)
    .option('--mark-issuers <file>', MARK_ISSUERS)
    .action(async (o: CrawlerFlags & { platform?: string[]; staleDays?: number; json?: boolean }) => {
      const config = crawlerConfig(o, { checkWorkers: 0 });
      const gw = openGateway(config, pino({ level: 'silent' }));
      try {
        const platformIds = (o.platform ?? []).map((slug) => {
          const row = gw.accounts.platformBySlug(slug);
          if (!row) throw new CliError(`no platform "${slug}" (see marketgate platform list)`, EXIT.usage);
          return row.id;
        });
        const crawl = gw.crawls.start(
          {
            ...(platformIds.length ? { platform_ids: platformIds } : {}),
            ...(o.staleDays !== undefined ? { stale_days: o.staleDays } : {}),
          },
          'cli',
        );
        const bar = progressBar(crawl.total, !o.json);
        const started = performance.now();
        const counts = { compliant: 0, violations: 0, inconclusive: 0 };
        let done = 0;
        gw.crawls.on('verified', (_id, _store, verification) => {
          if (verification.verdict === 'compliant') counts.compliant += 1;
          else if (verification.verdict === 'inconclusive') counts.inconclusive += 1;
          else counts.violations += 1;
          done += 1;
          const rate = done / Math.max((performance.now() - started) / 1000, 0.001);
          bar.increment(1, { ...counts, rate: rate.toFixed(1) });
        });
        await gw.crawls.idle();
        bar.stop();
        const progress = gw.crawls.progress(crawl.id)!;
        const stats = gw.verifications.crawlStats(crawl.id).toJSON();
        if (o.json) printJson({ ...progress, stats });
        else printSummary(progress.crawl_id, progress.pages_per_second, stats.overall, stats.hosts);
        if (progress.status === 'failed') throw new CliError(`the crawl failed: ${progress.error}`);
      } finally {
        await gw.close();
      }
    });

  program
    .command('verify <url>')
    .description(
      'verify one store page, without the database: prints the verdict, what was found and how it compares',
    )
    .option('--expect-name <name>', 'the company name the page should show')
    .option('--expect-uscc <code>', 'the unified social credit code the page should show')
    .option('--no-browser', 'never render with Chromium (script-built pages come out inconclusive)')
    .option('--json', 'print one JSON object')
    .option('--allow-private', ALLOW_PRIVATE)
    .option('--mark-issuers <file>', MARK_ISSUERS)
    .action(
      async (
        url: string,
        o: CrawlerFlags & { expectName?: string; expectUscc?: string; browser: boolean; json?: boolean },
      ) => {
        try {
          const parsed = new URL(url);
          if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error();
        } catch {
          throw new CliError(`"${url}" is not an http(s) URL`, EXIT.usage);
        }
        const uscc = o.expectUscc === undefined ? null : normalizeUscc(o.expectUscc);
        if (uscc !== null && !isValidUscc(uscc)) {
          throw new CliError(
            `--expect-uscc "${o.expectUscc}" is not a valid unified social credit code`,
            EXIT.usage,
          );
        }
        const config = crawlerConfig(o);
        if (!o.browser) config.crawl.browserSlots = 0;
        const verifier = createVerifier(config, pino({ level: 'silent' }));
        try {
          const verification = await verifier.verifyStore({ url, filed: { name: o.expectName ?? '', uscc } });
          if (o.json) printJson(verification);
          else printVerification(verification, path.join(config.dataDir, 'evidence'));
        } finally {
          await verifier.close();
        }
      },
    );
}

function progressBar(total: number, visible: boolean) {
  const bar = new cliProgress.SingleBar(
    {
      format:
        'crawl [{bar}] {value}/{total} | compliant {compliant} | violations {violations} | inconclusive {inconclusive} | {rate} pages/s',
      hideCursor: true,
      noTTYOutput: false,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  if (visible) bar.start(total, 0, { compliant: 0, violations: 0, inconclusive: 0, rate: '0.0' });
  return bar;
}

function printSummary(
  crawlId: string,
  pagesPerSecond: number | null,
  overall: CrawlTally,
  hosts: Record<string, CrawlTally>,
): void {
  console.log(
    `crawl ${crawlId}: ${overall.visits} stores, ${pagesPerSecond ?? 0} pages/s, ${overall.retries} retries, ${overall.browser} rendered in Chromium`,
  );
  console.log('');
  console.table(Object.entries(overall.verdicts).map(([verdict, n]) => ({ verdict, stores: n })));
  if (Object.keys(overall.reasons).length) {
    console.table(
      Object.entries(overall.reasons).map(([reason, n]) => ({ 'inconclusive because': reason, stores: n })),
    );
  }
  console.table(
    Object.entries(hosts).map(([host, t]) => ({
      host,
      stores: t.visits,
      compliant: t.verdicts.compliant ?? 0,
      violations: (t.verdicts.identity_missing ?? 0) + (t.verdicts.identity_mismatch ?? 0),
      inconclusive: t.verdicts.inconclusive ?? 0,
      retries: t.retries,
      statuses: Object.entries(t.statuses)
        .map(([status, n]) => `${status}×${n}`)
        .join(' '),
    })),
  );
}

function printVerification(v: Verification, evidenceDir: string): void {
  console.log(`${v.verdict}${v.reason ? ` (${v.reason})` : ''}: ${v.detail}`);
  console.log(
    `  page      ${v.final_url ?? v.url}${v.status ? ` — HTTP ${v.status}` : ''}, ${v.mode}${v.truncated ? ', cut at the size limit' : ''}`,
  );
  console.log(`  names     ${v.found.names.join(' | ') || '—'}`);
  console.log(
    `  codes     ${v.found.usccs.map((c) => `${c.code}${c.valid ? '' : ' (check character wrong)'}`).join(' | ') || '—'}`,
  );
  if (v.found.license_links.length)
    console.log(`  licenses  ${v.found.license_links.map((l) => l.href).join(' | ')}`);
  const { comparison: c } = v;
  if (c.filed.name || c.filed.uscc) {
    console.log('');
    console.table([
      { field: 'name', filed: c.filed.name || '—', shown: c.shown.name ?? '—', result: c.name },
      { field: 'uscc', filed: c.filed.uscc ?? '—', shown: c.shown.uscc ?? '—', result: c.uscc },
    ]);
  }
  const pieces = Object.entries(v.evidence);
  if (pieces.length) {
    console.log(`evidence (in ${evidenceDir}):`);
    for (const [kind, ref] of pieces)
      console.log(`  ${kind.padEnd(10)} sha256:${ref.sha256}  ${ref.size} bytes  ${ref.media_type}`);
  }
}
