import { seededRandom } from '../../fixtures/generate/random.ts';
import { usccCheckCharacter } from '../../crawlers/lib/uscc.ts';
import { fileRecords, marketgateClient } from '../client/index.ts';
import { addPlatform } from '../accounts/service.ts';
import { complaintStep, lodgeComplaint } from '../complaints/service.ts';
import type { ComplaintAction, ComplaintCategory } from '../complaints/workflow.ts';
import { recordPenalty } from '../credit/service.ts';
import type { Gateway } from '../gateway-types.ts';
import type { RunningGateway } from '../http/server.ts';
import { chinaToday } from '../lib/dates.ts';
import { idCheckCharacter } from '../lib/resident-id.ts';
import { SIGNALS } from '../risk/rules.ts';
import { riskStore } from '../risk/store.ts';
import { DEMO_WEB_PLATFORM } from './demo-web.ts';

/**
 * What the demo plants so that every risk signal (docs/risk-model.md) has something to find, each
 * beside an honest look-alike that must not fire: a store brushing its orders (and two busy honest stores
 * of its category), a store with a run of complaints, a penalised shoe maker back as a "new vest", a
 * natural person selling across two platforms close to the registration threshold, one phone number
 * behind four businesses (and a couple at one address), a store whose orders its platform stopped filing
 * while the crawler finds it open, and a platform that never filed its sellers. Every record goes in the
 * way a platform's or a regulator's would: filings through the HTTP API, complaints and the penalty
 * through the domain verbs. Names are realistic; phone, ID and USCC numbers are synthetic (valid check
 * characters, real division codes) and belong to nobody.
 */

export const DEMO_OUTLET_PLATFORM = {
  slug: 'demo-outlet',
  name: '示例奥莱',
  uscc: usccOf('91', '310115', 'MA1H8QX3'),
};

/** Seller ids of the plants, by what they are for (the demo's summary and its test name them). */
export const RISK_PLANTS = {
  brushing: 'R-brushing',
  complaints: 'R-complaints',
  busy: ['R-busy-1', 'R-busy-2'],
  offender: 'R-offender',
  newVest: 'R-new-vest',
  sporadic: 'R-sporadic',
  agents: ['R-agent-1', 'R-agent-2', 'R-agent-3', 'R-agent-4'],
  family: ['R-family-1', 'R-family-2'],
  /** The demo-web store whose orders demo-web stopped filing ten days ago, and one it files on. */
  stopped: 'W-footer-text',
  filedOn: 'W-json-ld',
} as const;

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** A USCC with its check character: type (91 enterprise, 92 individual business), division, organisation code. */
export function usccOf(type: '91' | '92', division: string, org: string): string {
  const first17 = `${type}${division}${org.padEnd(9, '0')}`;
  return first17 + usccCheckCharacter(first17);
}

/** A resident ID number with its check character (GB 11643). */
function idNumberOf(first17: string): string {
  return first17 + idCheckCharacter(first17);
}

const store = (id: string) => `https://shop.example.cn/store/${id.toLowerCase()}`;

/** A penalised shoe maker's phone, kept by its new vest. */
const OUFAN_PHONE = '13857760418';
/** The registration agent's phone that four businesses were filed with. */
const AGENT_PHONE = '13566981207';
/** The address a couple runs two businesses from. */
const FAMILY_ADDRESS = '浙江省宁波市海曙区中山西路88弄3号';
const SPORADIC_ID = idNumberOf('33032619860315242');

function demoMallSellers(): Record<string, unknown>[] {
  return [
    {
      seller_id: RISK_PLANTS.brushing,
      subject_type: 'enterprise',
      legal_name: '杭州声澜数码科技有限公司',
      uscc: usccOf('91', '330110', 'MA2H7K4C'),
      legal_representative: '周志强',
      contact_phone: '13735816620',
      address: '浙江省杭州市余杭区文一西路998号5幢302室',
      category: '数码家电',
      store_name: '声澜数码旗舰店',
      store_url: store(RISK_PLANTS.brushing),
    },
    {
      seller_id: RISK_PLANTS.complaints,
      subject_type: 'enterprise',
      legal_name: '深圳市乐音电子有限公司',
      uscc: usccOf('91', '440305', 'MA5G2RT1'),
      legal_representative: '黄文斌',
      contact_phone: '13923471158',
      address: '广东省深圳市南山区科技园南区高新南七道12号',
      category: '数码家电',
      store_name: '乐音耳机专营店',
      store_url: store(RISK_PLANTS.complaints),
    },
    {
      seller_id: RISK_PLANTS.busy[0],
      subject_type: 'enterprise',
      legal_name: '广州市晨星电器有限公司',
      uscc: usccOf('91', '440106', 'MA59PL3W'),
      legal_representative: '梁伟民',
      contact_phone: '13802561174',
      address: '广东省广州市天河区天河北路233号中信广场1708室',
      category: '数码家电',
      store_name: '晨星电器官方旗舰店',
      store_url: store(RISK_PLANTS.busy[0]),
    },
    {
      seller_id: RISK_PLANTS.offender,
      subject_type: 'enterprise',
      legal_name: '温州瓯帆鞋业有限公司',
      uscc: usccOf('91', '330302', 'MA2CN8E5'),
      legal_representative: '郑国华',
      contact_phone: OUFAN_PHONE,
      address: '浙江省温州市鹿城区双屿街道鞋都大道18号',
      category: '服装鞋包',
      store_name: '瓯帆鞋业旗舰店',
      store_url: store(RISK_PLANTS.offender),
    },
    {
      seller_id: RISK_PLANTS.sporadic,
      subject_type: 'natural_person',
      legal_name: '陈秀兰',
      id_number: SPORADIC_ID,
      exemption_reason: '零星小额交易',
      contact_phone: '15825710936',
      address: '浙江省温州市平阳县昆阳镇解放街56号',
      category: '珠宝配饰',
      store_name: '秀兰手工银饰',
      store_url: store(`${RISK_PLANTS.sporadic}-mall`),
    },
    {
      seller_id: RISK_PLANTS.agents[0],
      subject_type: 'individual_business',
      legal_name: '义乌市稠城王丽娟日用品商行',
      uscc: usccOf('92', '330782', 'MA2EJ5R1'),
      legal_representative: '王丽娟',
      contact_phone: AGENT_PHONE,
      address: '浙江省义乌市稠城街道宾王路128号',
      category: '家居日用',
      store_name: '丽娟日用百货',
      store_url: store(RISK_PLANTS.agents[0]),
    },
    {
      seller_id: RISK_PLANTS.agents[1],
      subject_type: 'individual_business',
      legal_name: '义乌市佛堂刘建军箱包店',
      uscc: usccOf('92', '330782', 'MA2EK0P7'),
      legal_representative: '刘建军',
      contact_phone: AGENT_PHONE,
      address: '浙江省义乌市佛堂镇朝阳路41号',
      category: '服装鞋包',
      store_name: '建军箱包',
      store_url: store(RISK_PLANTS.agents[1]),
    },
    {
      seller_id: RISK_PLANTS.family[0],
      subject_type: 'individual_business',
      legal_name: '宁波市海曙区林志明水果店',
      uscc: usccOf('92', '330203', 'MA2GU6N3'),
      legal_representative: '林志明',
      contact_phone: '13605742281',
      address: FAMILY_ADDRESS,
      category: '生鲜农产品',
      store_name: '志明鲜果',
      store_url: store(RISK_PLANTS.family[0]),
    },
  ];
}

function demoMarketSellers(): Record<string, unknown>[] {
  return [
    {
      seller_id: RISK_PLANTS.busy[1],
      subject_type: 'enterprise',
      legal_name: '苏州明川智能科技有限公司',
      uscc: usccOf('91', '320505', 'MA1W3DF6'),
      legal_representative: '顾明川',
      contact_phone: '18962187745',
      address: '江苏省苏州市虎丘区狮山路35号金河国际中心2105室',
      category: '数码家电',
      store_name: '明川智能专营店',
      store_url: store(RISK_PLANTS.busy[1]),
    },
    {
      // The new vest: another company (its own code), another city and address, the same trade name,
      // the same legal representative and the same phone number as the penalised 温州瓯帆鞋业.
      seller_id: RISK_PLANTS.newVest,
      subject_type: 'enterprise',
      legal_name: '台州瓯帆鞋业有限公司',
      uscc: usccOf('91', '331004', 'MA2K9B7X'),
      legal_representative: '郑国华',
      contact_phone: OUFAN_PHONE,
      address: '浙江省台州市路桥区路南街道银安街1188号',
      category: '服装鞋包',
      store_name: '瓯帆运动鞋专营店',
      store_url: store(RISK_PLANTS.newVest),
    },
    {
      // The same natural person as demo-mall's R-sporadic (the same ID number: one subject).
      seller_id: RISK_PLANTS.sporadic,
      subject_type: 'natural_person',
      legal_name: '陈秀兰',
      id_number: SPORADIC_ID,
      exemption_reason: '零星小额交易',
      contact_phone: '15825710936',
      address: '浙江省温州市平阳县昆阳镇解放街56号',
      category: '珠宝配饰',
      store_name: '秀兰银饰手作',
      store_url: store(`${RISK_PLANTS.sporadic}-market`),
    },
    {
      seller_id: RISK_PLANTS.agents[2],
      subject_type: 'individual_business',
      legal_name: '金华市婺城区何晓燕服装店',
      uscc: usccOf('92', '330702', 'MA2DR4H8'),
      legal_representative: '何晓燕',
      contact_phone: AGENT_PHONE,
      address: '浙江省金华市婺城区八一北街270号',
      category: '服装鞋包',
      store_name: '晓燕女装',
      store_url: store(RISK_PLANTS.agents[2]),
    },
    {
      seller_id: RISK_PLANTS.agents[3],
      subject_type: 'individual_business',
      legal_name: '东阳市蒋卫东五金店',
      uscc: usccOf('92', '330783', 'MA2F1T5Q'),
      legal_representative: '蒋卫东',
      contact_phone: AGENT_PHONE,
      address: '浙江省东阳市吴宁街道艺海路66号',
      category: '家居日用',
      store_name: '卫东五金工具',
      store_url: store(RISK_PLANTS.agents[3]),
    },
    {
      // The honest look-alike of shared_contact: the wife's shop at her husband's address (two subjects
      // at one address is a family, not a ring: the rule wants four).
      seller_id: RISK_PLANTS.family[1],
      subject_type: 'individual_business',
      legal_name: '宁波市海曙区黄美玲干货店',
      uscc: usccOf('92', '330203', 'MA2GW1L9'),
      legal_representative: '黄美玲',
      contact_phone: '13736098852',
      address: FAMILY_ADDRESS,
      category: '食品饮料',
      store_name: '美玲南北干货',
      store_url: store(RISK_PLANTS.family[1]),
    },
  ];
}

interface Product {
  sku: string;
  name: string;
  category: string;
  price: number;
}

const money = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

/** The demo's plant orders of one platform, placed relative to `now` (the same `now` and seed, the same orders). */
class Orders {
  readonly records: Record<string, unknown>[] = [];
  private n = 0;
  private readonly random: ReturnType<typeof seededRandom>;

  constructor(
    private readonly prefix: string,
    private readonly now: number,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  /** A random pseudonym, as platforms give them (never personal data). */
  buyer(): string {
    return `u${Math.floor(this.random.next() * 2 ** 48).toString(36)}`;
  }

  add(sellerId: string, at: number, product: Product, options: { buyer?: string; quantity?: number } = {}) {
    const placed = Math.min(at, this.now - 60_000);
    const quantity = options.quantity ?? 1;
    const age = this.now - placed;
    const record: Record<string, unknown> = {
      order_id: `${this.prefix}${String(++this.n).padStart(6, '0')}`,
      seller_id: sellerId,
      placed_at: new Date(placed).toISOString(),
      // Finished three days after placing when that is past; on its way before.
      status: age > 4 * DAY ? 'completed' : age > DAY ? 'shipped' : 'paid',
      total: money(product.price * quantity),
      currency: 'CNY',
      items: [
        {
          sku: product.sku,
          name: product.name,
          category: product.category,
          quantity,
          unit_price: money(product.price),
        },
      ],
      buyer_ref: options.buyer ?? this.buyer(),
      payment_method: this.random.pick(['alipay', 'wechat_pay', 'unionpay']),
      ship_to_region: this.random.pick(['110105', '310115', '330106', '440305', '510107', '420111']),
    };
    if (record.status === 'completed') record.completed_at = new Date(placed + 3 * DAY).toISOString();
    this.records.push(record);
    return record;
  }

  /** `count` orders of the store spread at random over [from, to) (ms before now), each from its own buyer. */
  spread(sellerId: string, count: number, from: number, to: number, products: readonly Product[]) {
    const made: Record<string, unknown>[] = [];
    for (let i = 0; i < count; i++) {
      const at = this.now - to - this.random.next() * (from - to);
      made.push(
        this.add(sellerId, at, this.random.pick(products), { quantity: this.random.chance(0.85) ? 1 : 2 }),
      );
    }
    return made;
  }
}

const GADGETS: Product[] = [
  { sku: 'CABLE-C1', name: 'Type-C 快充数据线 1米', category: '数码家电', price: 29_90 },
  { sku: 'STAND-02', name: '桌面手机支架', category: '数码家电', price: 19_90 },
  { sku: 'POWER-10K', name: '10000毫安充电宝', category: '数码家电', price: 99_00 },
  { sku: 'SPK-M3', name: '便携蓝牙音箱', category: '数码家电', price: 159_00 },
];
const BRUSHED: Product = { sku: 'SPK-MINI', name: '迷你蓝牙音箱', category: '数码家电', price: 59_00 };
const EARBUDS: Product[] = [
  { sku: 'ANC-B2', name: '主动降噪蓝牙耳机', category: '数码家电', price: 199_00 },
  { sku: 'ANC-B2P', name: '主动降噪蓝牙耳机 Pro', category: '数码家电', price: 299_00 },
];
const APPLIANCES: Product[] = [
  { sku: 'KETTLE-17', name: '1.7L 电热水壶', category: '数码家电', price: 89_00 },
  { sku: 'FAN-D1', name: '台式循环扇', category: '数码家电', price: 169_00 },
  { sku: 'LAMP-LED', name: 'LED 护眼台灯', category: '数码家电', price: 129_00 },
  { sku: 'ROBOT-V5', name: '扫地机器人', category: '数码家电', price: 1299_00 },
];
const SILVER_MALL: Product[] = [
  { sku: 'AG-BANGLE', name: '手工錾刻银手镯', category: '珠宝配饰', price: 1380_00 },
  { sku: 'AG-RING', name: '手工缠丝银戒指', category: '珠宝配饰', price: 980_00 },
  { sku: 'AG-HAIRPIN', name: '手工点翠银发簪', category: '珠宝配饰', price: 1560_00 },
];
const SILVER_MARKET: Product[] = [
  { sku: 'AG-NECK', name: '手工银项链', category: '珠宝配饰', price: 1450_00 },
  { sku: 'AG-EAR', name: '手工银耳坠', category: '珠宝配饰', price: 890_00 },
  { sku: 'AG-LOCK', name: '手工银长命锁', category: '珠宝配饰', price: 1260_00 },
];
const GIFTS: Product[] = [
  { sku: 'TEA-GIFT', name: '明前龙井礼盒 250g', category: '食品饮料', price: 268_00 },
  { sku: 'TEA-WHITE', name: '福鼎白茶饼 357g', category: '食品饮料', price: 198_00 },
];

/** Sporadic sales this year (China Standard Time) of one store: cycling through its products until `target`. */
function sales(orders: Orders, sellerId: string, products: readonly Product[], target: number, now: number) {
  const cst = new Date(now + 8 * HOUR);
  const yearStart = Date.UTC(cst.getUTCFullYear(), 0, 1) - 8 * HOUR;
  const count = Math.ceil(target / (products.reduce((n, p) => n + p.price, 0) / products.length));
  const step = (now - HOUR - yearStart) / (count + 1);
  let sum = 0;
  for (let i = 0; i < count && sum < target; i++) {
    const product = products[i % products.length]!;
    // Evenly over the year so far (at least an hour before now), each sale to its own buyer.
    orders.add(sellerId, yearStart + Math.max(1, Math.round((i + 1) * step)), product);
    sum += product.price;
  }
  return sum;
}

/** The plant orders of demo-mall, demo-market and demo-web, relative to `now`. */
export function demoRiskOrders(now: number) {
  const mall = new Orders('demo-mall-R', now, 1501);
  const market = new Orders('demo-market-R', now, 1502);
  const web = new Orders('demo-web-R', now, 1503);

  // order_brushing: a month of ordinary sales, then two hours (two days and one day ago) of orders from
  // three buyers, every one the same ¥59 speaker (the few_buyers rule; identical_amounts in the first).
  mall.spread(RISK_PLANTS.brushing, 45, 28 * DAY, 3 * HOUR, GADGETS);
  const brushHour = Math.floor((now - 50 * HOUR) / HOUR) * HOUR;
  const brushers = [mall.buyer(), mall.buyer(), mall.buyer()];
  for (let i = 0; i < 24; i++)
    mall.add(RISK_PLANTS.brushing, brushHour + (2 + 2 * i) * 60_000, BRUSHED, { buyer: brushers[i % 3] });
  const secondHour = brushHour + 24 * HOUR;
  const others = [mall.buyer(), mall.buyer(), mall.buyer()];
  for (let i = 0; i < 18; i++)
    mall.add(RISK_PLANTS.brushing, secondHour + (3 + 3 * i) * 60_000, BRUSHED, { buyer: others[i % 3] });

  // complaint_spike: a store selling earbuds with a run of complaints, and two busy stores of its
  // category with one complaint each, which make the category's median.
  const complained = mall.spread(RISK_PLANTS.complaints, 120, 29 * DAY, 2 * HOUR, EARBUDS);
  const busy1 = mall.spread(RISK_PLANTS.busy[0], 170, 29 * DAY, 2 * HOUR, APPLIANCES);
  const busy2 = market.spread(RISK_PLANTS.busy[1], 140, 29 * DAY, 2 * HOUR, APPLIANCES);

  // sporadic_threshold: 陈秀兰's handmade silver on two platforms, about CNY 90,000 this year together.
  const sporadicMall = sales(mall, RISK_PLANTS.sporadic, SILVER_MALL, 52_000_00, now);
  const sporadicMarket = sales(market, RISK_PLANTS.sporadic, SILVER_MARKET, 38_000_00, now);

  // filing_gap (a store): demo-web files a store's orders until ten days ago, another's until now.
  web.spread(RISK_PLANTS.stopped, 28, 38 * DAY, 10 * DAY, GIFTS);
  web.spread(RISK_PLANTS.filedOn, 40, 40 * DAY, 2 * HOUR, GIFTS);

  return {
    mall: mall.records,
    market: market.records,
    web: web.records,
    /** Orders complaints are about: the complained store's, the busy stores' one each. */
    complained,
    busy: [busy1, busy2] as const,
    sporadicMinor: sporadicMall + sporadicMarket,
  };
}

interface Plant {
  slug: string;
  key: string;
}

async function file(url: string, p: Plant, kind: 'sellers' | 'transactions', body: unknown[], idem: string) {
  const client = marketgateClient({ baseUrl: url, key: p.key });
  const res = await fileRecords(
    client,
    kind,
    kind === 'sellers' ? JSON.stringify(body) : body.map((r) => `${JSON.stringify(r)}\n`).join(''),
    {
      contentType: kind === 'sellers' ? 'application/json' : 'application/x-ndjson',
      idempotencyKey: idem,
    },
  );
  const receipt = res.receipt;
  if (!receipt)
    throw new Error(`demo risk ${kind} for ${p.slug} failed: ${res.status} ${JSON.stringify(res.problem)}`);
  if (receipt.counts.rejected > 0)
    throw new Error(
      `demo risk ${kind} for ${p.slug}: records rejected: ${JSON.stringify(receipt.errors.slice(0, 3))}`,
    );
}

const COMPLAINT_TEXTS: { category: ComplaintCategory; description: string }[] = [
  { category: 'quality', description: '耳机使用一周左耳无声，申请售后被拖延。' },
  { category: 'counterfeit', description: '包装上的防伪码查询显示无此编码，疑似假货。' },
  { category: 'false_advertising', description: '宣传“主动降噪40dB”，实际几乎没有降噪效果。' },
  { category: 'quality', description: '充电仓无法充电，客服让自行寄回检测且不承担运费。' },
  { category: 'refund_refused', description: '七天无理由退货被拒，理由是“已拆封”。' },
  { category: 'quality', description: '连接手机频繁断开，换货后问题依旧。' },
  { category: 'counterfeit', description: '与官方渠道购买的同款对比，做工和重量明显不同。' },
  { category: 'false_advertising', description: '页面写“续航30小时”，实测不到8小时。' },
  { category: 'quality', description: '收到时耳机外壳有裂痕，商家只同意补偿5元。' },
];
const COMPLAINANTS = [
  '赵雨婷',
  '孙浩然',
  '马丽华',
  '朱建平',
  '胡晓东',
  '郭佳怡',
  '何俊杰',
  '高雪梅',
  '罗志刚',
  '宋晨阳',
  '韩思雨',
];

/**
 * Plants the records every risk signal fires on (see the module's comment), once: a data folder whose
 * demo-mall has R-brushing already is left as it is. `keys` are the demo platforms' API keys. Returns the
 * platform it registered (demo-outlet, whose key the demo keeps and prints), or null when it planted
 * nothing.
 */
export async function seedDemoRisk(
  running: RunningGateway,
  keys: Record<string, string>,
  regulatorName: string,
  now = new Date(),
): Promise<{ outlet: { slug: string; name: string; key: string } | null } | null> {
  const gw = running.gateway;
  const mall = gw.accounts.platformBySlug('demo-mall');
  const market = gw.accounts.platformBySlug('demo-market');
  const web = gw.accounts.platformBySlug(DEMO_WEB_PLATFORM.slug);
  const regulator = gw.accounts.regulatorByName(regulatorName);
  const [mallKey, marketKey, webKey] = ['demo-mall', 'demo-market', DEMO_WEB_PLATFORM.slug].map(
    (s) => keys[s],
  );
  if (!mall || !market || !web || !regulator || !mallKey || !marketKey || !webKey) return null;
  if (gw.sellers.exists(mall.id, RISK_PLANTS.brushing)) return null;

  const at = now.getTime();
  const plan = demoRiskOrders(at);
  const m = { slug: mall.slug, key: mallKey };
  const k = { slug: market.slug, key: marketKey };
  const w = { slug: web.slug, key: webKey };
  await file(running.url, m, 'sellers', demoMallSellers(), 'demo-risk-sellers-demo-mall');
  await file(running.url, k, 'sellers', demoMarketSellers(), 'demo-risk-sellers-demo-market');
  await file(running.url, m, 'transactions', plan.mall, 'demo-risk-orders-demo-mall');
  await file(running.url, k, 'transactions', plan.market, 'demo-risk-orders-demo-market');
  await file(running.url, w, 'transactions', plan.web, 'demo-risk-orders-demo-web');

  // The crawler finds the store whose orders stopped open: filing_gap's store rule needs a verification
  // newer than the last filed order. One store on 127.0.0.1, visited before anything else is crawled.
  const crawl = gw.crawls.start(
    { stores: [{ platform_id: web.id, seller_id: RISK_PLANTS.stopped }] },
    'demo',
  );
  await crawlFinished(gw, crawl.id, 30_000);

  gw.db.transaction(() => {
    complaints(gw, plan, regulator.id, mall.slug, market.slug, at);
    // relisted_offender: the penalty the new vest's old company was given, published.
    const offender = gw.sellers.seller(mall.id, RISK_PLANTS.offender)!.subject_id;
    const decided = chinaToday(new Date(at - 25 * DAY));
    recordPenalty(
      gw,
      {
        decision_number: `温鹿市监罚〔${decided.slice(0, 4)}〕58号`,
        subject_id: offender,
        store: { platform_id: mall.id, seller_id: RISK_PLANTS.offender },
        authority: '温州市鹿城区市场监督管理局',
        facts: '在网店销售侵犯注册商标专用权的运动鞋共计1,260双。',
        legal_basis: '《中华人民共和国商标法》第五十七条、第六十条',
        penalty: '没收侵权商品；罚款人民币八万元',
        severity: 'serious',
        sector: 'general',
        decided_on: decided,
        publish: true,
      },
      `regulator:${regulator.id}`,
    );
  })();

  // filing_gap (a platform): demo-outlet stands for a platform that registered with the gateway a year
  // ago and has never filed its sellers. A platform registered today owes its first filing only in the
  // next filing month, so the demo dates the registration a year back (platforms.created_at, set here
  // directly; nothing else records when a platform registered). The rule fires once the current
  // half-year's filing month (January, July) is over: not while the demo runs in January or July.
  let outlet: { slug: string; name: string; key: string } | null = null;
  if (!gw.accounts.platformBySlug(DEMO_OUTLET_PLATFORM.slug)) {
    outlet = { ...addPlatform(gw.accounts, DEMO_OUTLET_PLATFORM), name: DEMO_OUTLET_PLATFORM.name };
    gw.db
      .prepare('UPDATE platforms SET created_at = ? WHERE slug = ?')
      .run(new Date(at - 365 * DAY).toISOString(), DEMO_OUTLET_PLATFORM.slug);
  }
  return { outlet };
}

/** Resolves true when the crawl has finished, false after `ms` (the demo goes on without waiting longer). */
function crawlFinished(gw: Gateway, crawlId: string, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (id: string) => {
      if (id !== crawlId) return;
      clearTimeout(timer);
      gw.crawls.off('finished', done);
      resolve(true);
    };
    const timer = setTimeout(() => {
      gw.crawls.off('finished', done);
      resolve(false);
    }, ms);
    timer.unref();
    gw.crawls.on('finished', done);
  });
}

/** The complaints: nine about the earbud store within a month, one about each busy store. */
function complaints(
  gw: Gateway,
  plan: ReturnType<typeof demoRiskOrders>,
  regulatorId: number,
  mallSlug: string,
  marketSlug: string,
  now: number,
): void {
  const regulator = { role: 'regulator', id: `regulator:${regulatorId}` } as const;
  const platformActor = (slug: string) => ({ role: 'platform', id: `platform:${slug}` }) as const;
  // Orders placed 25 to 3 days ago, the oldest first, complained about two to four days after.
  const about = plan.complained
    .filter((o) => {
      const placed = Date.parse(String(o.placed_at));
      return placed < now - 3 * DAY && placed > now - 25 * DAY;
    })
    .sort((a, b) => String(a.placed_at).localeCompare(String(b.placed_at)));
  const chosen = COMPLAINT_TEXTS.map(
    (_, i) => about[Math.floor((i * about.length) / COMPLAINT_TEXTS.length)]!,
  );
  const lodge = (
    platform: string,
    order: Record<string, unknown>,
    text: { category: ComplaintCategory; description: string },
    who: number,
    lateDays: number,
  ) => {
    const when = Math.min(Date.parse(String(order.placed_at)) + lateDays * DAY, now - 2 * HOUR);
    const { row } = lodgeComplaint(
      gw,
      {
        platform,
        seller_id: String(order.seller_id),
        order_id: String(order.order_id),
        category: text.category,
        description: text.description,
        amount_minor: Math.round(Number(order.total) * 100),
        currency: 'CNY',
        complainant: {
          name: COMPLAINANTS[who]!,
          phone: `1391570${String(2000 + who * 37).padStart(4, '0')}`,
        },
        publish_consent: false,
      },
      new Date(when),
    );
    // The older ones were accepted and forwarded to the platform, as a regulator would.
    const steps: ComplaintAction[] = now - when > 7 * DAY ? [{ type: 'accept' }, { type: 'forward' }] : [];
    steps.forEach((action, i) =>
      complaintStep(gw, row.id, action, regulator, new Date(when + (i + 1) * DAY)),
    );
    if (now - when > 12 * DAY)
      complaintStep(
        gw,
        row.id,
        {
          type: 'respond',
          kind: 'explanation',
          message: '商家称系个别批次问题，同意换货。',
        } as ComplaintAction,
        platformActor(platform),
        new Date(when + 4 * DAY),
      );
  };
  chosen.forEach((order, i) => lodge(mallSlug, order, COMPLAINT_TEXTS[i]!, i, 2 + (i % 3)));
  const late = { category: 'non_delivery' as const, description: '下单五天仍未发货，客服称缺货但不退款。' };
  lodge(mallSlug, plan.busy[0][40]!, late, 9, 5);
  lodge(marketSlug, plan.busy[1][40]!, late, 10, 5);
}

/** One line on the warnings the demo's risk run left: how many are open, by signal. */
export function riskSummary(gw: Gateway): string {
  const counts = new Map<string, number>();
  for (const r of riskStore(gw.db).signalCounts())
    if (r.status === 'open' || r.status === 'assigned')
      counts.set(r.signal, (counts.get(r.signal) ?? 0) + r.n);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return `${total} open (${SIGNALS.map((s) => `${s} ${counts.get(s) ?? 0}`).join(', ')})`;
}
