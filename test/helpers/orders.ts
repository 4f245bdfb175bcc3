let orderCounter = 0;

/** A valid order of `sellerId` whose items add up to its total; override any field. */
export function order(sellerId: string, overrides: Record<string, unknown> = {}) {
  orderCounter++;
  return {
    order_id: `O-${orderCounter}`,
    seller_id: sellerId,
    placed_at: '2026-03-01T10:00:00+08:00',
    status: 'paid',
    total: '129.90',
    currency: 'CNY',
    items: [{ sku: 'TEA-1', name: '龙井', quantity: 2, unit_price: '64.95' }],
    buyer_ref: `buyer-${orderCounter}`,
    ...overrides,
  };
}

export const ndjson = (records: unknown[]) => records.map((r) => `${JSON.stringify(r)}\n`).join('');
