/**
 * Filing a violation lead: a platform reports a violation it found on its own platform about one of its
 * sellers (the regulator's steps are in workflow.ts). The verb opens its transaction and writes the row,
 * the lead's first event and the audit entry, all or nothing.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../errors.ts';
import type { Gateway } from '../gateway-types.ts';
import { canonicalJson } from '../lib/canonical-json.ts';
import { chinaToday } from '../lib/dates.ts';
import { newId } from '../lib/ids.ts';
import { normalizeStoreUrl } from '../lib/store-url.ts';
import type { LeadInput } from './schemas.ts';
import { type LeadRow, leadsStore } from './store.ts';
import { maskPersonalNumbers } from './text.ts';

export type LeadGateway = Pick<Gateway, 'db' | 'audit' | 'sellers' | 'creditRecords'>;

/** The platform a lead is filed by, from its key (never from the body). */
export interface LeadPlatform {
  id: number;
  slug: string;
}

export const invalid = (field: string, message: string) =>
  new DomainError('invalid_body', `${field}: ${message}`, { errors: [{ field, message }] });

const requestHash = (input: LeadInput) => createHash('sha256').update(canonicalJson(input)).digest('hex');

/**
 * Files a lead. The seller must be one the platform filed; a store URL, when given, must be its filed
 * store. With an Idempotency-Key, the same key and body answer with the lead filed the first time
 * (`replayed`), the same key with another body is refused.
 */
export function fileLead(
  gw: LeadGateway,
  platform: LeadPlatform,
  input: LeadInput,
  idempotencyKey: string | null,
  now = new Date(),
): { row: LeadRow; replayed: boolean } {
  const store = leadsStore(gw.db);
  const hash = requestHash(input);
  const replay = () => {
    const earlier = idempotencyKey ? store.byIdempotencyKey(platform.id, idempotencyKey) : undefined;
    if (!earlier) return undefined;
    if (earlier.request_hash !== hash)
      throw new DomainError(
        'idempotency_key_reused',
        `Idempotency-Key was used for lead ${earlier.id} with another body`,
        { lead_id: earlier.id },
      );
    return { row: earlier, replayed: true };
  };
  const early = replay();
  if (early) return early;

  const seller = gw.sellers.seller(platform.id, input.seller_id);
  if (!seller) throw invalid('seller_id', `no seller "${input.seller_id}" was filed by this platform`);
  if (input.store_url !== undefined) {
    const url = normalizeStoreUrl(input.store_url);
    if (!url) throw invalid('store_url', 'not an http(s) URL');
    if (url !== seller.store_url)
      throw invalid(
        'store_url',
        `not the store filed for seller "${seller.seller_id}" (${seller.store_url})`,
      );
  }
  const today = chinaToday(now);
  if (input.found_on > today) throw invalid('found_on', `must not be in the future (today is ${today})`);
  input.measures.forEach((m, i) => {
    if (m.taken_on !== undefined && m.taken_on > today)
      throw invalid(`measures.${i}.taken_on`, `must not be in the future (today is ${today})`);
  });
  const goods = input.goods.map((g, i) => {
    const url = g.url === undefined ? null : normalizeStoreUrl(g.url);
    if (g.url !== undefined && !url) throw invalid(`goods.${i}.url`, 'not an http(s) URL');
    return { name: maskPersonalNumbers(g.name), sku: g.sku ?? null, url };
  });

  const id = newId();
  const at = now.toISOString();
  const actor = `platform:${platform.slug}`;
  return gw.db
    .transaction(() => {
      // Two requests with one key at once: the second finds the first here (the unique index backs it).
      const raced = replay();
      if (raced) return raced;
      store.insert({
        id,
        platform_id: platform.id,
        seller_id: seller.seller_id,
        subject_id: seller.subject_id,
        store_name: seller.store_name,
        store_url: seller.store_url,
        category: input.category,
        goods: JSON.stringify(goods),
        found: maskPersonalNumbers(input.found),
        records: JSON.stringify(input.records.map(maskPersonalNumbers)),
        measures: JSON.stringify(
          input.measures.map((m) => ({ measure: m.measure, taken_on: m.taken_on ?? null })),
        ),
        measures_note: input.measures_note === undefined ? null : maskPersonalNumbers(input.measures_note),
        found_on: input.found_on,
        reference: input.reference ?? null,
        status: 'submitted',
        assignee: null,
        decided_by: null,
        decided_at: null,
        reason: null,
        idempotency_key: idempotencyKey,
        request_hash: idempotencyKey ? hash : null,
        submitted_at: at,
        updated_at: at,
      });
      store.appendEvent({
        lead_id: id,
        action: 'submit',
        actor,
        at,
        from_status: null,
        to_status: 'submitted',
        note: null,
        detail: JSON.stringify({ category: input.category }),
      });
      // The texts stay out of the audit log: what was filed, about whom, not what it says.
      gw.audit.append(
        {
          actor,
          action: 'lead.submit',
          target_type: 'lead',
          target_id: id,
          detail: { seller_id: seller.seller_id, category: input.category, goods: goods.length },
        },
        now,
      );
      return { row: store.byId(id)!, replayed: false };
    })
    .immediate();
}
