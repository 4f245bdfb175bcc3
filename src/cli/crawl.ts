import path from 'node:path';
import type { Command } from 'commander';
import { isValidUscc, normalizeUscc } from '../../crawlers/lib/uscc.ts';
import type { CrawlTally } from '../../crawlers/verify/stats.ts';
import type { Verification } from '../../crawlers/verify/verification.ts';
import { type Config, loadConfig } from '../config.ts';
import type { Gateway } from '../gateway-types.ts';
import { chinaMinute } from '../lib/dates.ts';
import { withGateway } from './credit.ts';
import { CliError, EXIT, printJson } from './output.ts';

function wholeNumber(name: string, max = 3650) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > max)
      throw new CliError(`${name} must be 0-${max}, got "${value}"`, EXIT.usage);
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
const CRAWL_ID = /^[0-9A-Z]{26}$/;

/** The configuration with the flags applied, for this run only. */
function crawlerConfig(o: CrawlerFlags, overrides: { checkWorkers?: number } = {}): Config {
  const config = loadConfig({ dataDir: o.data, ...overrides });
  if (o.allowPrivate) config.crawl.allowPrivateAddresses = true;
  if (o.markIssuers) config.marks.issuersFile = path.resolve(o.markIssuers);
  return config;
}

/** What the verbs refuse (an unknown platform, a crawl that ended) as the command line says it. */
async function asCliError<T>(work: () => T, usage: string[]): Promise<T> {
  const { DomainError } = await import('../errors.ts');
  try {
    return work();
  } catch (error) {
    if (error instanceof DomainError)
      throw new CliError(error.detail, usage.includes(error.code) ? EXIT.usage : EXIT.failure);
    throw error;
  }
}

interface CrawlFlags extends CrawlerFlags {
  platform?: string[];
  staleDays?: number;
  all?: boolean;
  json?: boolean;
}

export function crawlCommands(program: Command): void {
  const crawl = program
    .command('crawl')
    .description(
      'verify the filed stores: shows live progress, then a summary per verdict and per host (crawl list, crawl cancel: the crawls)',
    )
    .option('--platform <slug>', "only this platform's stores (repeat for more)", collect)
    .option('--stale-days <n>', 'only stores not verified within n days', wholeNumber('--stale-days'))
    .option('--all', 'every active store of every platform (a crawl must name what it covers)')
    .option('--json', 'print the summary as JSON instead of tables')
    .option('--allow-private', ALLOW_PRIVATE)
    .option('--mark-issuers <file>', MARK_ISSUERS)
    // Not a leaf any more (list, cancel), so main.ts does not add it: the subcommands read it from here.
    .option('--data <dir>', 'data folder (default ./data or MARKETGATE_DATA)')
    .action(async (o: CrawlFlags) => {
      const named = (o.platform?.length ?? 0) > 0 || o.staleDays !== undefined;
      if (o.all && named)
        throw new CliError(
          '--all crawls every active store: give it without --platform or --stale-days',
          EXIT.usage,
        );
      if (!o.all && !named)
        throw new CliError(
          'name --platform or --stale-days, or pass --all to crawl every active store',
          EXIT.usage,
        );
      const [{ openGateway }, { default: pino }, { startCrawl }] = await Promise.all([
        import('../gateway.ts'),
        import('pino'),
        import('../verification/service.ts'),
      ]);
      const config = crawlerConfig(o, { checkWorkers: 0 });
      const gw = openGateway(config, pino({ level: 'silent' }));
      try {
        const request = o.all
          ? { all: true }
          : {
              ...(o.platform?.length ? { platforms: o.platform } : {}),
              ...(o.staleDays !== undefined ? { stale_days: o.staleDays } : {}),
            };
        // The verb, as the API and the console start crawls: the scope's rules and the audit entry.
        const crawl = await asCliError(() => startCrawl(gw, request, 'cli'), ['invalid_body']);
        const bar = await progressBar(crawl.total, !o.json);
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
        // In fleet mode the workers' results reach the serving gateway, not this process: the bar follows
        // the database instead.
        const follow = gw.fleet
          ? setInterval(() => {
              const now = gw.crawls.progress(crawl.id)!;
              bar.update(now.done, {
                compliant: now.compliant,
                violations: now.violations,
                inconclusive: now.inconclusive,
                rate: (now.pages_per_second ?? 0).toFixed(1),
              });
            }, 500)
          : undefined;
        await gw.crawls.idle();
        clearInterval(follow);
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

  crawl
    .command('list')
    .description('the crawls, newest first: state, stores by verdict, who started each')
    .option('--limit <n>', 'how many (default 20)', wholeNumber('--limit', 1000))
    .option('--json', 'print them as JSON (as GET /v1/regulator/crawls shows them)')
    .action(async (_o: unknown, command: Command) => {
      const o = command.optsWithGlobals<{ limit?: number; json?: boolean; data?: string }>();
      const crawls = await withGateway(o.data, (gw) => listCrawls(gw, o.limit ?? 20));
      if (o.json) return printJson(crawls);
      console.table(
        crawls.map((c) => ({
          crawl: c.crawl_id,
          state: c.status,
          'started by': c.started_by.name ?? c.started_by.actor,
          'created (CST)': chinaMinute(c.created_at),
          stores: c.total,
          done: c.done,
          compliant: c.compliant,
          violations: c.violations,
          inconclusive: c.inconclusive,
        })),
      );
    });

  crawl
    .command('cancel <crawl-id>')
    .description(
      'cancel a crawl: its stores not yet taken are not visited (those in flight finish), also when the server runs it',
    )
    .option('--json', 'print the crawl as JSON')
    .action(async (id: string, _o: unknown, command: Command) => {
      const o = command.optsWithGlobals<{ json?: boolean; data?: string }>();
      if (!CRAWL_ID.test(id)) throw new CliError(`"${id}" is not a crawl id`, EXIT.usage);
      const view = await withGateway(o.data, async (gw) => {
        const [{ cancelCrawl }, { crawlOut }] = await Promise.all([
          import('../verification/service.ts'),
          import('../verification/crawl-routes.ts'),
        ]);
        const cancelled = await asCliError(() => cancelCrawl(gw, id, 'cli'), []);
        return crawlOut(gw, cancelled);
      });
      if (o.json) return printJson(view);
      console.log(
        `crawl ${view.crawl_id} cancelled: ${view.done} of ${view.total} stores visited${view.finished_at ? '' : '; stores in flight finish first'}`,
      );
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
        const [{ createVerifier }, { default: pino }] = await Promise.all([
          import('../verification/verifier.ts'),
          import('pino'),
        ]);
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

async function listCrawls(gw: Gateway, limit: number) {
  const [{ crawlListStore }, { crawlViewer }] = await Promise.all([
    import('../verification/crawl-list-store.ts'),
    import('../verification/crawl-view.ts'),
  ]);
  const list = crawlListStore(gw.db);
  const rows = list.crawls(limit);
  const counts = list.verdictCounts(rows.map((r) => r.id));
  const view = crawlViewer(gw.accounts);
  return rows.map((row) => view(row, counts.get(row.id)!));
}

async function progressBar(total: number, visible: boolean) {
  const { default: cliProgress } = await import('cli-progress');
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
