import { isValidUscc } from '../../crawlers/lib/uscc.ts';
import type { Gateway } from '../gateway-types.ts';
import { normalizeStoreUrl } from '../lib/store-url.ts';

export const SEARCH_LIMIT = 20;

/**
 * The subjects a public query finds: a valid unified social credit code by code, an http(s) URL by
 * store URL, other text by a part of an organisation's or a store's name (natural persons never by
 * name). GET /public/credit and the pages' lookup both ask here.
 */
export function findSubjects(
  gw: Pick<Gateway, 'sellers'>,
  query: string,
): { matched_by: 'uscc' | 'store_url' | 'name'; ids: string[] } {
  const q = query.trim();
  const code = q.toUpperCase();
  if (/^[0-9A-Z]{18}$/.test(code) && isValidUscc(code))
    return { matched_by: 'uscc', ids: gw.sellers.searchSubjects({ uscc: code }, SEARCH_LIMIT) };
  const url = /^https?:\/\//i.test(q) ? normalizeStoreUrl(q) : null;
  if (url)
    return { matched_by: 'store_url', ids: gw.sellers.searchSubjects({ storeUrl: url }, SEARCH_LIMIT) };
  return { matched_by: 'name', ids: gw.sellers.searchSubjects({ text: q }, SEARCH_LIMIT) };
}
