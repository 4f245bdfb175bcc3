import type { Gateway } from '../gateway-types.ts';
import { chinaToday } from '../lib/dates.ts';
import { answerAssistanceRequest } from './answer.ts';
import { requestAssistance } from './service.ts';
import { assistanceOf } from './store.ts';

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

const DAY_MS = 86_400_000;

/**
 * For the demo (src/cli/demo.ts): two assistance requests to `platform` about its filed seller
 * `sellerId`: one answered in time with an NDJSON file of the seller's filed identity, and one made 30
 * days ago with 10 working days to answer, still open and so overdue (the `assistance_overdue` signal
 * warns on the platform at the next risk run). Returns their ids, or null when the platform was asked
 * already (or does not exist).
 */
export async function seedDemoAssistance(
  gw: Gateway,
  options: { platform: string; sellerId: string; actor?: string; now?: Date },
): Promise<{ answeredRequestId: string; answerId: string; overdueRequestId: string } | null> {
  const now = options.now ?? new Date();
  // Made once: a platform that was asked already is not asked again when the demo starts again.
  const asked = gw.accounts.platformBySlug(options.platform);
  if (
    !asked ||
    assistanceOf(gw.db).count({ status: 'all', platformId: asked.id, today: chinaToday(now) }) > 0
  )
    return null;
  const actor = options.actor ?? 'regulator:demo';
  const earlier = new Date(now.getTime() - 30 * DAY_MS);
  const base = {
    platform: options.platform,
    seller_id: options.sellerId,
    legal_basis: '《网络交易监督管理办法》（国家市场监督管理总局令第37号）',
  };
  const answered = requestAssistance(
    gw,
    {
      ...base,
      case_number: `DEMO-${chinaToday(now)}-1`,
      scope: ['identity', 'orders'],
      from: chinaToday(new Date(now.getTime() - 90 * DAY_MS)),
      to: chinaToday(now),
      due_working_days: 10,
      note: 'Demo: the seller’s filed identity and its orders of the last 90 days.',
    },
    actor,
    now,
  );
  const platform = gw.accounts.platformBySlug(options.platform)!;
  const seller = gw.sellers.seller(platform.id, options.sellerId)!;
  const lines = [
    {
      record: 'identity',
      seller_id: seller.seller_id,
      store_name: seller.store_name,
      store_url: seller.store_url,
      status: seller.status,
    },
  ];
  const body = new TextEncoder().encode(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const { receipt } = await answerAssistanceRequest(
    gw,
    {
      requestId: answered.id,
      platform: { id: platform.id, slug: platform.slug },
      mediaType: 'application/x-ndjson',
      chunks: once(body),
      final: true,
      actor: `platform:${platform.slug}`,
    },
    () => now,
  );
  const overdue = requestAssistance(
    gw,
    {
      ...base,
      case_number: `DEMO-${chinaToday(now)}-2`,
      scope: ['payments', 'logistics', 'after_sales'],
      from: chinaToday(new Date(earlier.getTime() - 60 * DAY_MS)),
      to: chinaToday(earlier),
      due_working_days: 10,
    },
    actor,
    earlier,
  );
  return { answeredRequestId: answered.id, answerId: receipt.answer_id, overdueRequestId: overdue.id };
}
