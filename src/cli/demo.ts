import fs from 'node:fs';
import path from 'node:path';
import { formatSellers, generateSellers } from '../../fixtures/generate/sellers.ts';
import { generateTransactions, transactionLines } from '../../fixtures/generate/transactions.ts';
import { addDepartment, addPlatform, addRegulator } from '../accounts/service.ts';
import type { FixtureWeb } from '../../fixtures/web/index.ts';
import { fileRecords, marketgateClient } from '../client/index.ts';
import type { RunningGateway } from '../http/server.ts';
import { seededRandom } from '../../fixtures/generate/random.ts';
import { runRisk } from '../risk/run.ts';
import { fileDemoDecisions } from '../exchange/demo.ts';
import { seedDemoLeads } from '../leads/demo.ts';
import { seedDemoAssistance } from '../assistance/demo.ts';
import { riskSummary, seedDemoRisk } from './demo-risk.ts';
import { DEMO_TRACE_CODES, seedDemoTrace } from './demo-trace.ts';
import {
  DEMO_WEB_PLATFORM,
  crawlDemoWebStores,
  ensureDemoWebPlatform,
  fileDemoWebStores,
  seedDemoRecords,
} from './demo-web.ts';

interface DemoCredentials {
  platforms: { slug: string; name: string; key: string }[];
  regulator: { name: string; token: string; password: string };
  /** Added by issue 16; a demo folder made before it gets one on its next start. */
  department?: { slug: string; name: string; key: string };
  /**
   * A consumer's complaint with its access token, which only the person who lodged it ever gets (the
   * gateway keeps its hash): kept here so that every start prints it. Added by issue 18, as above.
   */
  complaint?: { tracking_code: string; access_token: string };
}

const DEMO_PLATFORMS = [
  { slug: 'demo-mall', name: '示例商城', uscc: '91330106673959654P', seed: 11 },
  { slug: 'demo-market', name: '示例集市', uscc: '91110108795101314G', seed: 22 },
];
const SELLERS_PER_PLATFORM = 500;
const ORDERS_PER_PLATFORM = 5000;

/**
 * Fills a new data folder with demo platforms, a regulator and filed sellers (through the real HTTP
 * API), and keeps the demo credentials in <data>/demo-credentials.json (owner-only) so that a second
 * run can print them again. Returns what to tell the person who started it.
 */
export async function seedDemo(running: RunningGateway, web: FixtureWeb): Promise<string> {
  const { gateway, url } = running;
  const file = path.join(gateway.config.dataDir, 'demo-credentials.json');
  let credentials: DemoCredentials;
  if (fs.existsSync(file)) {
    credentials = JSON.parse(fs.readFileSync(file, 'utf8')) as DemoCredentials;
  } else {
    const platforms = DEMO_PLATFORMS.map((p) => ({ ...addPlatform(gateway.accounts, p), name: p.name }));
    const regulator = addRegulator(gateway.accounts, { name: 'demo-regulator' });
    credentials = { platforms, regulator };
    fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
    for (const [i, p] of platforms.entries()) {
      const fixtures = [
        ...generateSellers({
          count: SELLERS_PER_PLATFORM,
          seed: DEMO_PLATFORMS[i]!.seed,
          badShare: 0.03,
          idPrefix: `${p.slug.slice(5, 6).toUpperCase()}`,
        }),
      ];
      withDemoRepresentatives(
        fixtures.map((f) => f.record),
        DEMO_PLATFORMS[i]!.seed,
      );
      const client = marketgateClient({ baseUrl: url, key: p.key });
      const res = await fileRecords(
        client,
        'sellers',
        formatSellers(
          fixtures.map((f) => f.record),
          'ndjson',
        ),
        { contentType: 'application/x-ndjson', idempotencyKey: `demo-seed-${p.slug}` },
      );
      if (!res.receipt)
        throw new Error(`demo filing for ${p.slug} failed: ${res.status} ${JSON.stringify(res.problem)}`);
      const sellerIds = fixtures.filter((f) => !f.expectedError).map((f) => String(f.record.seller_id));
      const orders = generateTransactions({
        count: ORDERS_PER_PLATFORM,
        sellerIds,
        seed: DEMO_PLATFORMS[i]!.seed,
        badShare: 0.01,
        idPrefix: `${p.slug}-`,
      });
      const filed = await fileRecords(client, 'transactions', [...transactionLines(orders)].join(''), {
        contentType: 'application/x-ndjson',
        idempotencyKey: `demo-orders-${p.slug}`,
      });
      if (!filed.receipt)
        throw new Error(
          `demo transactions for ${p.slug} failed: ${filed.status} ${JSON.stringify(filed.problem)}`,
        );
    }
  }
  if (!credentials.department) {
    const added = addDepartment(gateway.accounts, { slug: 'demo-tax', name: '示例市税务局' });
    credentials.department = { slug: added.slug, name: added.name, key: added.key };
    fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  }
  let webPlatform = credentials.platforms.find((p) => p.slug === DEMO_WEB_PLATFORM.slug);
  if (!webPlatform) {
    webPlatform = ensureDemoWebPlatform(running);
    credentials.platforms.push(webPlatform);
    fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  }
  await fileDemoWebStores(running, web, webPlatform.key);
  // Complaints at every stage, penalties and list entries: made once, on the demo-web stores.
  const records = seedDemoRecords(gateway, credentials.regulator.name);
  // What every risk signal fires on (src/cli/demo-risk.ts), made once; then the signals run at once, so
  // that the warnings are there before the server's first scheduled run.
  const planted = await seedDemoRisk(
    running,
    Object.fromEntries(credentials.platforms.map((p) => [p.slug, p.key])),
    credentials.regulator.name,
  );
  if (planted?.outlet) {
    credentials.platforms.push(planted.outlet);
    fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  }
  // Orders with drug trace codes (one sold twice, one returned and resold) and a recall: made once.
  const traced = await seedDemoTrace(
    running,
    Object.fromEntries(credentials.platforms.map((p) => [p.slug, p.key])),
    credentials.regulator.name,
  );
  const decisions = await fileDemoDecisions(gateway, url, credentials.department.key, web);
  const leads = seedDemoLeads(gateway, {
    platform: DEMO_WEB_PLATFORM.slug,
    regulatorName: credentials.regulator.name,
  });
  // Two requests to demo-web about one of its stores: one answered in time, one overdue (a warning).
  const assistance = await seedDemoAssistance(gateway, {
    platform: DEMO_WEB_PLATFORM.slug,
    sellerId: 'W-footer-text',
    actor: `regulator:${gateway.accounts.regulatorByName(credentials.regulator.name)?.id ?? 'demo'}`,
  });
  if (!credentials.complaint) {
    credentials.complaint = await lodgeDemoComplaint(url);
    fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  }
  const crawlId = crawlDemoWebStores(running);
  runRisk(gateway);
  const [first] = credentials.platforms;
  const regulatorAuth = `-H 'Authorization: Bearer ${credentials.regulator.token}'`;
  const commands = demoWebCommands({
    storeUrl: (web.cases.find((c) => c.id === 'footer-text') ?? web.cases[0]!).url,
    dataDir: gateway.config.dataDir,
    issuersFile: gateway.config.marks.issuersFile,
  });
  return [
    '',
    `marketgate is running at ${url}  (data: ${gateway.config.dataDir})`,
    `  web console:     ${url}/console   login: ${credentials.regulator.name} / ${credentials.regulator.password}`,
    `  public pages:    ${url}/ (credit lookup)   ${url}/complaints/new   ${url}/complaints/track`,
    `  consumer:        track a complaint at ${url}/complaints/track   tracking code: ${credentials.complaint.tracking_code}  access token: ${credentials.complaint.access_token}`,
    ...(records ? [`  demo records:    ${records}`] : []),
    `  risk warnings:   ${riskSummary(gateway)}: ${url}/console/risk, GET ${url}/v1/regulator/risk/warnings`,
    ...(traced ? [`  traceability:    ${traced}`] : []),
    `  trace check:     ${url}/trace?scheme=drug&code=${DEMO_TRACE_CODES.soldTwice} (sold twice), code=${DEMO_TRACE_CODES.soldOnce} (once), code=${DEMO_TRACE_CODES.recalled} (recalled); GET ${url}/public/trace/drug/{code}`,
    `  events:          ${gateway.events.head()} so far (list entries, penalties, licences, revoked marks, violations, forwarded complaints, assistance requests, recalls): ${url}/console/events, GET ${url}/v1/events`,
    ...(decisions ? [`  decisions:       ${decisions}`] : []),
    `  decisions:       ${url}/console/decisions, GET ${url}/v1/exchange/decisions (department key or regulator token)`,
    ...(leads ? [`  demo leads:      ${leads}`] : []),
    `  leads:           ${url}/console/leads, GET ${url}/v1/regulator/leads`,
    ...(assistance
      ? [`  assistance:      2 requests to ${DEMO_WEB_PLATFORM.slug}, one answered with a file, one overdue`]
      : []),
    `  assistance:      ${url}/console/assistance, GET ${url}/v1/regulator/assistance-requests`,
    `  open data:       ${url}/open-data (daily files: published once the demo crawl ends, in about two minutes)`,
    `  API docs:        ${url}/docs   (OpenAPI: ${url}/openapi.json)`,
    `  monitoring:      ${url}/healthz, ${url}/readyz${metricsFromHere(running) ? `, ${url}/metrics (Prometheus, from this machine)` : ''}`,
    ...credentials.platforms.map((p) => `  platform ${p.slug.padEnd(12)} key: ${p.key}`),
    `  regulator ${credentials.regulator.name}  token: ${credentials.regulator.token}  password: ${credentials.regulator.password}`,
    `  department ${credentials.department.slug}  key: ${credentials.department.key}  (files decisions with POST /v1/decisions; reads every event and the exchange; register a webhook with POST /v1/webhooks)`,
    '',
    `Demo data: ${SELLERS_PER_PLATFORM} sellers and ${ORDERS_PER_PLATFORM} orders per platform (a few deliberately bad).`,
    `  curl ${url}/v1/transactions/${credentials.platforms[0]?.slug}-000000001 -H 'Authorization: Bearer ${first?.key}'`,
    `  curl '${url}/v1/regulator/sellers/over-threshold?year=${new Date().getUTCFullYear()}' -H 'Authorization: Bearer ${credentials.regulator.token}'`,
    '',
    `Store verification: ${web.cases.length} stores of the fixture web (${web.origins.shop} and other hosts on 127.0.0.1),`,
    `filed by ${DEMO_WEB_PLATFORM.slug}, are being crawled now (politely: a second between two requests to one host):`,
    `  curl ${url}/v1/regulator/crawls/${crawlId} ${regulatorAuth}`,
    `  curl ${url}/v1/regulator/stores/${DEMO_WEB_PLATFORM.slug}/W-other-company-code/verifications ${regulatorAuth}`,
    'or from another terminal, in this folder (the stores are on 127.0.0.1, which the crawler visits only when told):',
    ...[commands.verify, commands.crawl].map((argv) => `  npx --no-install marketgate ${shellLine(argv)}`),
    '',
    'File sellers as a platform:',
    `  curl -X POST ${url}/v1/sellers -H 'Authorization: Bearer ${first?.key}' \\`,
    `       -H 'Content-Type: application/json' -d '[{"seller_id":"S-1","subject_type":"enterprise","legal_name":"杭州示例商贸有限公司","uscc":"91330106673959654P","store_name":"示例旗舰店","store_url":"https://shop.example.cn/s1"}]'`,
    `  npx --no-install marketgate file sellers sellers.ndjson --url ${url} --key ${first?.key}`,
    '  (make a sample file with: npx --no-install marketgate generate sellers --count 1000 --out sellers.ndjson)',
    '',
    'Stop with Ctrl-C. Credentials are kept in data/demo-credentials.json.',
  ].join('\n');
}

/**
 * Lodges a complaint as a consumer does, through the public API, and returns its tracking code and
 * access token: the demo's complaints at every stage (src/cli/demo-web.ts) were lodged without keeping
 * theirs. Lodged after them, so that their "made once" check still sees an empty folder on a first start.
 */
async function lodgeDemoComplaint(url: string): Promise<{ tracking_code: string; access_token: string }> {
  const { data, error, response } = await marketgateClient({ baseUrl: url }).POST('/public/complaints', {
    body: {
      platform: DEMO_WEB_PLATFORM.slug,
      seller_id: 'W-footer-text',
      category: 'quality',
      description: '收到的保温杯内胆有裂纹，商家不同意退货。',
      amount_claimed: '89.00',
      currency: 'CNY',
      complainant: { name: '赵敏', phone: '13900139018' },
    },
  });
  if (!data) throw new Error(`the demo complaint was refused: ${response.status} ${JSON.stringify(error)}`);
  return { tracking_code: data.tracking_code as string, access_token: data.access_token as string };
}

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红飞鹏辉斌宇浩凯健俊帆旭宁龙林欣佳雪梅琳颖慧婷倩晨阳博文志建国海峰波亮成东昊然思雨宏瑞蕾晓子诗梓嘉怡振德永春兰凤荣新光庆书正',
];

/**
 * Gives the generated sellers' legal representatives names drawn from a pool as wide as real names are
 * (a hundred surnames, two given characters), in place. The generator's small pool (ten surnames)
 * puts one name on ten companies of a thousand, which shared_contact would take for one person behind
 * them all: hundreds of warnings about nothing.
 */
function withDemoRepresentatives(records: Record<string, unknown>[], seed: number): void {
  const random = seededRandom(seed * 7919);
  for (const r of records)
    if (typeof r.legal_representative === 'string')
      r.legal_representative = random.pick(SURNAMES) + random.pick(GIVEN) + random.pick(GIVEN);
}

/**
 * The commands the demo prints for its fixture stores (argv after `npx --no-install marketgate`), to be
 * typed in another terminal as printed: a new process does not share the demo's settings, so they carry
 * what it needs. --allow-private, because the stores are on 127.0.0.1, which the crawler refuses by default; the
 * fixture web's trust-mark issuers, without which its genuine marks would be judged as claims of an
 * unknown issuer; and for crawl, which records verdicts, the demo's data folder.
 */
export function demoWebCommands(demo: {
  storeUrl: string;
  dataDir: string;
  issuersFile: string | undefined;
  cwd?: string;
}): { verify: string[]; crawl: string[] } {
  const cwd = demo.cwd ?? process.cwd();
  const shown = (file: string) => {
    const relative = path.relative(cwd, file);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
  };
  const issuers = demo.issuersFile ? ['--mark-issuers', shown(demo.issuersFile)] : [];
  return {
    verify: ['verify', demo.storeUrl, '--allow-private', ...issuers, '--json'],
    crawl: [
      'crawl',
      '--platform',
      DEMO_WEB_PLATFORM.slug,
      '--allow-private',
      ...issuers,
      '--data',
      shown(demo.dataDir),
    ],
  };
}

/** argv as a POSIX shell line: words with anything but safe characters go in single quotes. */
export function shellLine(argv: string[]): string {
  return argv
    .map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`))
    .join(' ');
}

/** Whether this machine may read the demo's metrics (the demo command lets it: src/cli/serve.ts). */
const metricsFromHere = (running: RunningGateway) =>
  running.gateway.config.metrics.addresses.includes('127.0.0.1');
