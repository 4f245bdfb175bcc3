import { isValidUscc } from '../../crawlers/lib/uscc.ts';
import type { Gateway } from '../gateway-types.ts';
import { normalizeStoreUrl } from '../lib/store-url.ts';

/** Results per page unless the caller asks for another number (at most SEARCH_MAX_LIMIT). */
export const SEARCH_LIMIT = 20;
export const SEARCH_MAX_LIMIT = 100;

/**
 * The subjects a public query finds: a valid unified social credit code by code, an http(s) URL by
 * store URL, other text by a part of an organisation's or a store's name (natural persons never by
 * name). GET /public/credit and the pages' lookup both ask here.
 */
export function findSubjects(
  gw: Pick<Gateway, 'sellers'>,
  query: string,
  page: { limit: number; offset: number } = { limit: SEARCH_LIMIT, offset: 0 },
): { matched_by: 'uscc' | 'store_url' | 'name'; ids: string[]; total: number; next_offset: number | null } {
  const q = query.trim();
  const code = q.toUpperCase();
  const url = /^https?:\/\//i.test(q) ? normalizeStoreUrl(q) : null;
  const [matched_by, found] =
    /^[0-9A-Z]{18}$/.test(code) && isValidUscc(code)
      ? (['uscc', gw.sellers.searchSubjects({ uscc: code }, page.limit, page.offset)] as const)
      : url
        ? (['store_url', gw.sellers.searchSubjects({ storeUrl: url }, page.limit, page.offset)] as const)
        : (['name', gw.sellers.searchSubjects({ text: q }, page.limit, page.offset)] as const);
  const next = page.offset + found.ids.length;
  return { matched_by, ...found, next_offset: next < found.total ? next : null };
}
