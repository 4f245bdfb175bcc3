import { fileRecords, marketgateClient } from '../client/index.ts';
import type { Gateway } from '../gateway-types.ts';
import type { RunningGateway } from '../http/server.ts';
import { recallProducts } from '../trace/service.ts';
import { usccOf } from './demo-risk.ts';

/**
 * What the demo files so that product traceability (docs/trace-codes.md) shows each of its answers: two
 * pharmacies on demo-mall and one on demo-market selling boxes of a drug, each box with its 20-digit
 * trace code. Most codes are sold once; a box refunded and sold again by the same pharmacy is a return
 * and a resale (not warned on); two codes first sold on demo-mall turn up again at the demo-market
 * pharmacy (sold more than once: a duplicate_trace_code warning); one batch is recalled by a regulator
 * (a product.recalled event to each platform that sold it). Codes and names are synthetic.
 */
export const TRACE_PLANTS = {
  mall: ['T-pharmacy-1', 'T-pharmacy-2'],
  market: 'T-pharmacy-9',
} as const;

const DAY = 86_400_000;
/** A drug's 7-digit product identifier, then the unit's 9-digit serial and 4 digits (the issuer's). */
const code = (product: string, serial: number) => `${product}${String(serial).padStart(9, '0')}0417`;
const AMOXICILLIN = '8690231';
const IBUPROFEN = '8690788';

export const DEMO_TRACE_CODES = {
  soldOnce: code(AMOXICILLIN, 1),
  returnedAndResold: code(AMOXICILLIN, 7),
  soldTwice: code(IBUPROFEN, 3),
  recalled: code(IBUPROFEN, 12),
  never: code(AMOXICILLIN, 999),
};

const pharmacy = (
  sellerId: string,
  name: string,
  [division, org]: [string, string],
  [representative, phone, address]: [string, string, string],
) => ({
  seller_id: sellerId,
  subject_type: 'enterprise',
  legal_name: `${name}有限公司`,
  uscc: usccOf('91', division, org),
  legal_representative: representative,
  contact_phone: phone,
  address,
  category: '医药健康',
  store_name: `${name}旗舰店`,
  store_url: `https://shop.example.cn/store/${sellerId.toLowerCase()}`,
});

interface Box {
  product: 'amoxicillin' | 'ibuprofen';
  serial: number;
}

const PRODUCTS = {
  amoxicillin: { id: AMOXICILLIN, sku: 'AMX-250-24', name: '阿莫西林胶囊 0.25g×24粒', price: 1850 },
  ibuprofen: { id: IBUPROFEN, sku: 'IBU-300-20', name: '布洛芬缓释胶囊 0.3g×20粒', price: 2290 },
};

function orderOf(
  prefix: string,
  n: number,
  sellerId: string,
  placed: number,
  boxes: Box[],
  status = 'completed',
) {
  const items = (['amoxicillin', 'ibuprofen'] as const).flatMap((kind) => {
    const mine = boxes.filter((b) => b.product === kind);
    if (mine.length === 0) return [];
    const p = PRODUCTS[kind];
    return [
      {
        sku: p.sku,
        name: p.name,
        category: '药品',
        quantity: mine.length,
        unit_price: (p.price / 100).toFixed(2),
        trace_codes: mine.map((b) => ({ scheme: 'drug', code: code(p.id, b.serial) })),
      },
    ];
  });
  const total = boxes.reduce((sum, b) => sum + PRODUCTS[b.product].price, 0);
  return {
    order_id: `${prefix}-${String(n).padStart(4, '0')}`,
    seller_id: sellerId,
    placed_at: new Date(placed).toISOString(),
    status,
    total: (total / 100).toFixed(2),
    currency: 'CNY',
    items,
    buyer_ref: `${prefix.toLowerCase()}-buyer-${n}`,
    ...(status === 'refunded' ? { refunded_amount: (total / 100).toFixed(2) } : {}),
  };
}

async function file(
  url: string,
  key: string,
  kind: 'sellers' | 'transactions',
  records: unknown[],
  idem: string,
) {
  const client = marketgateClient({ baseUrl: url, key });
  const body =
    kind === 'sellers' ? JSON.stringify(records) : records.map((r) => `${JSON.stringify(r)}\n`).join('');
  const res = await fileRecords(client, kind, body, {
    contentType: kind === 'sellers' ? 'application/json' : 'application/x-ndjson',
    idempotencyKey: idem,
  });
  if (!res.receipt || res.receipt.counts.rejected > 0)
    throw new Error(
      `demo trace ${kind} failed: ${res.status} ${JSON.stringify(res.problem ?? res.receipt?.errors)}`,
    );
}

/**
 * Files the pharmacies and their orders and makes the recall, once (a folder whose demo-mall has
 * T-pharmacy-1 already is left as it is). Returns one line for the demo's summary, or null.
 */
export async function seedDemoTrace(
  running: RunningGateway,
  keys: Record<string, string>,
  regulatorName: string,
  now = new Date(),
): Promise<string | null> {
  const gw: Gateway = running.gateway;
  const mall = gw.accounts.platformBySlug('demo-mall');
  const regulator = gw.accounts.regulatorByName(regulatorName);
  const [mallKey, marketKey] = [keys['demo-mall'], keys['demo-market']];
  if (!mall || !regulator || !mallKey || !marketKey) return null;
  if (gw.sellers.exists(mall.id, TRACE_PLANTS.mall[0])) return null;
  const at = now.getTime();
  await file(
    running.url,
    mallKey,
    'sellers',
    [
      pharmacy(
        TRACE_PLANTS.mall[0],
        '杭州康济大药房',
        ['330106', 'MA2H7K31'],
        ['林志强', '0571-86021345', '浙江省杭州市西湖区文三路259号'],
      ),
      pharmacy(
        TRACE_PLANTS.mall[1],
        '宁波仁和药房',
        ['330203', 'MA2C8N55'],
        ['周雅琴', '0574-87294410', '浙江省宁波市海曙区药行街76号'],
      ),
    ],
    'demo-trace-sellers-mall',
  );
  await file(
    running.url,
    marketKey,
    'sellers',
    [
      pharmacy(
        TRACE_PLANTS.market,
        '温州益民药店',
        ['330302', 'MA2D4P90'],
        ['黄建新', '0577-88213306', '浙江省温州市鹿城区人民中路112号'],
      ),
    ],
    'demo-trace-sellers-market',
  );

  // demo-mall: 40 orders of one to three boxes over the last month; serial 7 refunded, then sold again.
  const mallOrders: Record<string, unknown>[] = [];
  const serials = { amoxicillin: 0, ibuprofen: 0 };
  for (let n = 1; n <= 40; n++) {
    const product = n % 2 ? 'amoxicillin' : 'ibuprofen';
    const boxes: Box[] = Array.from({ length: 1 + (n % 3) }, () => ({
      product,
      serial: ++serials[product],
    }));
    const sellerId = TRACE_PLANTS.mall[n % 2]!;
    mallOrders.push(orderOf('TRC-M', n, sellerId, at - (40 - n) * 0.7 * DAY - 3_600_000, boxes));
  }
  const returned = mallOrders.find((o) =>
    JSON.stringify(o.items).includes(DEMO_TRACE_CODES.returnedAndResold),
  )!;
  const refund = { ...returned, status: 'refunded', refunded_amount: returned.total };
  const resold = orderOf('TRC-M', 41, String(returned.seller_id), at - 2 * 3_600_000, [
    { product: 'amoxicillin', serial: 7 },
  ]);
  await file(running.url, mallKey, 'transactions', mallOrders, 'demo-trace-orders-mall');
  await file(running.url, mallKey, 'transactions', [refund], 'demo-trace-refund-mall');
  await file(running.url, mallKey, 'transactions', [resold], 'demo-trace-resold-mall');
  // demo-market: the same ibuprofen boxes 3 and 12 sold again, a week later, among boxes of its own.
  const marketOrders = [
    orderOf('TRC-K', 1, TRACE_PLANTS.market, at - 5 * DAY, [
      { product: 'ibuprofen', serial: 3 },
      { product: 'ibuprofen', serial: 5001 },
    ]),
    orderOf('TRC-K', 2, TRACE_PLANTS.market, at - 4 * DAY, [{ product: 'ibuprofen', serial: 12 }]),
    orderOf('TRC-K', 3, TRACE_PLANTS.market, at - 3 * DAY, [{ product: 'amoxicillin', serial: 5002 }]),
  ];
  await file(running.url, marketKey, 'transactions', marketOrders, 'demo-trace-orders-market');

  // A batch of ibuprofen (serials 10-19) recalled, by prefix.
  const recall = recallProducts(
    gw,
    {
      scheme: 'drug',
      code_prefix: `${IBUPROFEN}00000001`,
      reason: '布洛芬缓释胶囊批号 20261002 溶出度不合格，召回该批次。',
      legal_basis: '《中华人民共和国药品管理法》第八十二条',
    },
    `regulator:${regulator.id}`,
    now,
  );
  return `${mallOrders.length + 1 + marketOrders.length} orders with drug trace codes; a recall of ${recall.codes_sold} sold boxes told ${recall.platforms.length} platform(s)`;
}
