import type { Db } from '../db/database.ts';
import { type LinkedSubject, type NameBasis, subjectNamesStore } from './subject-names.ts';

export interface SellerCurrent {
  subject_id: string;
  version: number;
  digest: Buffer;
  legal_name: string;
  status: string;
}

export interface SellerRow {
  platform_id: number;
  seller_id: string;
  subject_id: string;
  version: number;
  subject_type: string;
  legal_name: string;
  store_name: string;
  store_url: string;
  status: string;
  first_filed_at: string;
  updated_at: string;
  /** The filed name normalised (normalizeCompanyName), and since when this seller files it for its subject. */
  name_key: string;
  name_since: string;
}

export interface SubjectRow {
  id: string;
  kind: 'enterprise' | 'individual_business' | 'natural_person';
  uscc: string | null;
  id_number_enc: Buffer | null;
  /** The shown name, by the rule of subject-names.ts. */
  legal_name: string;
  name_basis: NameBasis;
  confirmed_name: string | null;
  confirmed_by: string | null;
  confirmed_at: string | null;
  confirmed_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface SellerVersionRow {
  version: number;
  filing_id: string;
  subject_id: string;
  filed_at: string;
  record: string;
}

export interface StagedSellerVersion {
  platform_id: number;
  seller_id: string;
  version: number;
  filing_id: string;
  subject_id: string;
  filed_at: string;
  digest: Buffer;
  subject_type: string;
  legal_name: string;
  store_name: string;
  store_url: string;
  status: string;
  record: string;
  id_number_enc: Buffer | null;
  contact_phone_enc: Buffer | null;
  contact_phone_hash: Buffer | null;
  name_key: string;
}

export interface SubjectKey {
  uscc: string | null;
  id_hash: Buffer | null;
}

// A version counts once its filing row exists.
const VISIBLE = 'EXISTS (SELECT 1 FROM filings f WHERE f.id = v.filing_id)';

/** The subjects a text finds (by their name, else by a store's), each with its sort key `k`. */
const BY_TEXT = `WITH hits AS (
    SELECT id AS subject_id, length(legal_name) AS k FROM subjects
     WHERE kind <> 'natural_person' AND legal_name LIKE @like ESCAPE '\\'
    UNION ALL
    SELECT DISTINCT subject_id, 1000000 FROM sellers WHERE store_name LIKE @like ESCAPE '\\'
  ), best AS (SELECT subject_id, min(k) AS k FROM hits GROUP BY subject_id)`;

/** SQL for subjects, sellers and seller versions. */
export function sellersStore(db: Db) {
  const q = {
    subjectByUscc: db.prepare<[string], LinkedSubject>(
      'SELECT id, legal_name, name_basis FROM subjects WHERE uscc = ?',
    ),
    subjectByIdHash: db.prepare<[Buffer], LinkedSubject>(
      'SELECT id, legal_name, name_basis FROM subjects WHERE id_hash = ?',
    ),
    // A new subject shows the name of the seller it is created for: the only name filed for it so far
    // (basis `majority`, the column's default). Publishing reconsiders it if another seller joins.
    insertSubject: db.prepare(
      `INSERT INTO subjects (id, kind, uscc, id_hash, id_number_enc, legal_name, created_at, updated_at)
       VALUES (@id, @kind, @uscc, @id_hash, @id_number_enc, @legal_name, @at, @at)`,
    ),
    current: db.prepare<[number, string], SellerCurrent>(
      `SELECT subject_id, version, digest, legal_name, status FROM sellers
       WHERE platform_id = ? AND seller_id = ?`,
    ),
    stagedIn: db.prepare<[number, string, string], number>(
      'SELECT 1 FROM seller_versions WHERE platform_id = ? AND seller_id = ? AND filing_id = ?',
    ),
    insertVersion: db.prepare(
      `INSERT INTO seller_versions (platform_id, seller_id, version, filing_id, subject_id, filed_at, digest,
         subject_type, legal_name, store_name, store_url, status, record, id_number_enc, contact_phone_enc, contact_phone_hash,
         name_key)
       VALUES (@platform_id, @seller_id, @version, @filing_id, @subject_id, @filed_at, @digest,
         @subject_type, @legal_name, @store_name, @store_url, @status, @record, @id_number_enc, @contact_phone_enc, @contact_phone_hash,
         @name_key)`,
    ),
    // Publishing: one statement per table, however many sellers the filing holds.
    publishSellers: db.prepare<[string]>(
      `INSERT INTO sellers (platform_id, seller_id, subject_id, version, digest, subject_type, legal_name,
         store_name, store_url, status, first_filed_at, updated_at, name_key, name_since)
       SELECT platform_id, seller_id, subject_id, version, digest, subject_type, legal_name,
         store_name, store_url, status, filed_at, filed_at, coalesce(name_key, ''), filed_at
       FROM seller_versions WHERE filing_id = ?
       ON CONFLICT (platform_id, seller_id) DO UPDATE SET
         subject_id = excluded.subject_id, version = excluded.version, digest = excluded.digest,
         subject_type = excluded.subject_type, legal_name = excluded.legal_name, store_name = excluded.store_name,
         store_url = excluded.store_url, status = excluded.status, updated_at = excluded.updated_at,
         name_key = excluded.name_key,
         name_since = CASE WHEN sellers.name_key = excluded.name_key AND sellers.subject_id = excluded.subject_id
           THEN sellers.name_since ELSE excluded.name_since END`,
    ),
    // The kind is still the one most recently filed, by any platform (the name is not: subject-names.ts).
    rekindSubjects: db.prepare<[string]>(
      `UPDATE subjects SET kind = v.subject_type, updated_at = v.filed_at
       FROM seller_versions v
       WHERE v.filing_id = ? AND subjects.id = v.subject_id AND subjects.kind <> v.subject_type`,
    ),
    deleteStaged: db.prepare<[string, number]>(
      `DELETE FROM seller_versions WHERE (platform_id, seller_id, version) IN
         (SELECT platform_id, seller_id, version FROM seller_versions WHERE filing_id = ? LIMIT ?)`,
    ),
    seller: db.prepare<[number, string], SellerRow>(
      'SELECT * FROM sellers WHERE platform_id = ? AND seller_id = ?',
    ),
    subjectExists: db.prepare<[string], number>('SELECT 1 FROM subjects WHERE id = ?'),
    subject: db.prepare<[string], SubjectRow>(
      `SELECT id, kind, uscc, id_number_enc, legal_name, name_basis, confirmed_name, confirmed_by, confirmed_at,
         confirmed_reason, created_at, updated_at FROM subjects WHERE id = ?`,
    ),
    storesOfSubject: db.prepare<[string], SellerRow & { platform: string; platform_name: string }>(
      `SELECT s.*, p.slug AS platform, p.name AS platform_name FROM sellers s JOIN platforms p ON p.id = s.platform_id
       WHERE s.subject_id = ? ORDER BY p.slug, s.seller_id`,
    ),
    sellerByStoreUrl: db.prepare<[number, string], SellerRow>(
      'SELECT * FROM sellers WHERE platform_id = ? AND store_url = ? ORDER BY seller_id LIMIT 1',
    ),
    subjectsByUscc: db.prepare<[string], string>('SELECT id FROM subjects WHERE uscc = ?'),
    subjectsByStoreUrl: db.prepare<[string, number, number], string>(
      'SELECT DISTINCT subject_id FROM sellers WHERE store_url = ? ORDER BY subject_id LIMIT ? OFFSET ?',
    ),
    subjectsByStoreUrlCount: db.prepare<[string], number>(
      'SELECT count(DISTINCT subject_id) FROM sellers WHERE store_url = ?',
    ),
    // Subjects whose name or one of whose stores' names holds the text: those found by their own name
    // first (shortest name first), then those found by a store's name. Natural persons are not found by
    // their name: a search must not reveal who sells where.
    subjectsByText: db.prepare<{ like: string; limit: number; offset: number }, string>(
      `${BY_TEXT} SELECT subject_id FROM best ORDER BY k, subject_id LIMIT @limit OFFSET @offset`,
    ),
    subjectsByTextCount: db.prepare<{ like: string }, number>(`${BY_TEXT} SELECT count(*) FROM best`),
    exists: db.prepare<[number, string], number>(
      'SELECT 1 FROM sellers WHERE platform_id = ? AND seller_id = ?',
    ),
    versions: db.prepare<[number, string, number, number], SellerVersionRow>(
      `SELECT v.version, v.filing_id, v.subject_id, v.filed_at, v.record FROM seller_versions v
       WHERE v.platform_id = ? AND v.seller_id = ? AND ${VISIBLE} ORDER BY v.version DESC LIMIT ? OFFSET ?`,
    ),
    version: db.prepare<[number, string, number], SellerVersionRow>(
      `SELECT version, filing_id, subject_id, filed_at, record FROM seller_versions
       WHERE platform_id = ? AND seller_id = ? AND version = ?`,
    ),
  };
  q.exists.pluck();
  q.subjectExists.pluck();
  for (const stmt of [q.subjectsByUscc, q.subjectsByStoreUrl, q.subjectsByStoreUrlCount]) stmt.pluck();
  q.subjectsByText.pluck();
  q.subjectsByTextCount.pluck();
  q.stagedIn.pluck();
  const names = subjectNamesStore(db);
  const linked = (key: SubjectKey) =>
    key.uscc !== null ? q.subjectByUscc.get(key.uscc) : q.subjectByIdHash.get(key.id_hash!);
  return {
    subjectId: (key: SubjectKey): string | undefined => linked(key)?.id,
    /** The subject a filed seller links to, with its shown name and basis. */
    linkedSubject: (key: SubjectKey): LinkedSubject | undefined => linked(key),
    insertSubject: (
      row: SubjectKey & {
        id: string;
        kind: string;
        id_number_enc: Buffer | null;
        legal_name: string;
        at: string;
      },
    ) => q.insertSubject.run(row),
    current: (platformId: number, sellerId: string) => q.current.get(platformId, sellerId),
    /** Whether this filing has already staged a version of the seller. */
    stagedIn: (platformId: number, sellerId: string, filingId: string) =>
      q.stagedIn.get(platformId, sellerId, filingId) !== undefined,
    insertVersion: (row: StagedSellerVersion) => q.insertVersion.run(row),
    /** Notes, while a filing stages, a subject whose shown name its publishing must reconsider. */
    markNameDue: names.markNameDue,
    /**
     * Publishes a filing's staged versions: the sellers' current pointers move, then the shown names of
     * their subjects follow the rule of subject-names.ts.
     */
    publish(filingId: string, at: string): void {
      q.rekindSubjects.run(filingId);
      q.publishSellers.run(filingId);
      names.publishNames(filingId, at);
    },
    /** Discards up to `limit` staged versions (and due names) of a cut-off filing; 0 when none are left. */
    deleteStaged: (filingId: string, limit: number) =>
      Math.max(q.deleteStaged.run(filingId, limit).changes, names.deleteStagedDue(filingId, limit)),
    confirmName: names.confirmName,
    nameTally: names.nameTally,
    nameConflict: names.nameConflict,
    seller: (platformId: number, sellerId: string) => q.seller.get(platformId, sellerId),
    exists: (platformId: number, sellerId: string) => q.exists.get(platformId, sellerId) !== undefined,
    subjectExists: (subjectId: string) => q.subjectExists.get(subjectId) !== undefined,
    subject: (subjectId: string) => q.subject.get(subjectId),
    /** A platform's seller by its (normalised) store URL. */
    sellerByStoreUrl: (platformId: number, storeUrl: string) => q.sellerByStoreUrl.get(platformId, storeUrl),
    /** Every store of a subject, on every platform. */
    storesOfSubject: (subjectId: string) => q.storesOfSubject.all(subjectId),
    /**
     * Subjects a public search finds: by exact code, by exact (normalised) store URL, or by a part of an
     * organisation's name or of a store's name.
     */
    /** One page of the subjects a query finds, and how many it finds in all. */
    searchSubjects(
      query: { uscc?: string; storeUrl?: string; text?: string },
      limit: number,
      offset = 0,
    ): { ids: string[]; total: number } {
      if (query.uscc) {
        const ids = q.subjectsByUscc.all(query.uscc);
        return { ids: ids.slice(offset, offset + limit), total: ids.length };
      }
      if (query.storeUrl)
        return {
          ids: q.subjectsByStoreUrl.all(query.storeUrl, limit, offset),
          total: q.subjectsByStoreUrlCount.get(query.storeUrl) ?? 0,
        };
      if (!query.text) return { ids: [], total: 0 };
      const like = `%${query.text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      return {
        ids: q.subjectsByText.all({ like, limit, offset }),
        total: q.subjectsByTextCount.get({ like }) ?? 0,
      };
    },
    version: (platformId: number, sellerId: string, version: number) =>
      q.version.get(platformId, sellerId, version),
    versions: (platformId: number, sellerId: string, limit: number, offset: number) =>
      q.versions.all(platformId, sellerId, limit, offset),
  };
}

export type SellersStore = ReturnType<typeof sellersStore>;
