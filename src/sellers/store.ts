import type { Db } from '../db/database.ts';

export interface SellerCurrent {
  subject_id: string;
  version: number;
  digest: Buffer;
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
}

export interface SellerVersionRow {
  version: number;
  filing_id: string;
  subject_id: string;
  filed_at: string;
  record: string;
}

export interface SubjectKey {
  uscc: string | null;
  id_hash: Buffer | null;
}

/** SQL for subjects, sellers and seller versions. */
export function sellersStore(db: Db) {
  const q = {
    subjectByUscc: db.prepare<[string], { id: string; legal_name: string; kind: string }>(
      'SELECT id, legal_name, kind FROM subjects WHERE uscc = ?',
    ),
    subjectByIdHash: db.prepare<[Buffer], { id: string; legal_name: string; kind: string }>(
      'SELECT id, legal_name, kind FROM subjects WHERE id_hash = ?',
    ),
    insertSubject: db.prepare(
      `INSERT INTO subjects (id, kind, uscc, id_hash, id_number_enc, legal_name, created_at, updated_at)
       VALUES (@id, @kind, @uscc, @id_hash, @id_number_enc, @legal_name, @at, @at)`,
    ),
    renameSubject: db.prepare<[string, string, string, string]>(
      'UPDATE subjects SET legal_name = ?, kind = ?, updated_at = ? WHERE id = ?',
    ),
    current: db.prepare<[number, string], SellerCurrent>(
      'SELECT subject_id, version, digest FROM sellers WHERE platform_id = ? AND seller_id = ?',
    ),
    insertSeller: db.prepare(
      `INSERT INTO sellers (platform_id, seller_id, subject_id, version, digest, subject_type, legal_name,
         store_name, store_url, status, first_filed_at, updated_at)
       VALUES (@platform_id, @seller_id, @subject_id, @version, @digest, @subject_type, @legal_name,
         @store_name, @store_url, @status, @at, @at)`,
    ),
    updateSeller: db.prepare(
      `UPDATE sellers SET subject_id = @subject_id, version = @version, digest = @digest,
         subject_type = @subject_type, legal_name = @legal_name, store_name = @store_name,
         store_url = @store_url, status = @status, updated_at = @at
       WHERE platform_id = @platform_id AND seller_id = @seller_id`,
    ),
    insertVersion: db.prepare(
      `INSERT INTO seller_versions (platform_id, seller_id, version, filing_id, subject_id, filed_at, record,
         id_number_enc, contact_phone_enc, contact_phone_hash)
       VALUES (@platform_id, @seller_id, @version, @filing_id, @subject_id, @at, @record,
         @id_number_enc, @contact_phone_enc, @contact_phone_hash)`,
    ),
    seller: db.prepare<[number, string], SellerRow>(
      'SELECT * FROM sellers WHERE platform_id = ? AND seller_id = ?',
    ),
    exists: db.prepare<[number, string], number>(
      'SELECT 1 FROM sellers WHERE platform_id = ? AND seller_id = ?',
    ),
    versions: db.prepare<[number, string, number, number], SellerVersionRow>(
      `SELECT version, filing_id, subject_id, filed_at, record FROM seller_versions
       WHERE platform_id = ? AND seller_id = ? ORDER BY version DESC LIMIT ? OFFSET ?`,
    ),
    version: db.prepare<[number, string, number], SellerVersionRow>(
      `SELECT version, filing_id, subject_id, filed_at, record FROM seller_versions
       WHERE platform_id = ? AND seller_id = ? AND version = ?`,
    ),
  };
  q.exists.pluck();
  return {
    subjectByKey(key: SubjectKey) {
      return key.uscc !== null ? q.subjectByUscc.get(key.uscc) : q.subjectByIdHash.get(key.id_hash!);
    },
    insertSubject: (
      row: SubjectKey & {
        id: string;
        kind: string;
        id_number_enc: Buffer | null;
        legal_name: string;
        at: string;
      },
    ) => q.insertSubject.run(row),
    renameSubject: (id: string, legalName: string, kind: string, at: string) =>
      q.renameSubject.run(legalName, kind, at, id),
    current: (platformId: number, sellerId: string) => q.current.get(platformId, sellerId),
    insertSeller: (row: Record<string, unknown>) => q.insertSeller.run(row),
    updateSeller: (row: Record<string, unknown>) => q.updateSeller.run(row),
    insertVersion: (row: Record<string, unknown>) => q.insertVersion.run(row),
    seller: (platformId: number, sellerId: string) => q.seller.get(platformId, sellerId),
    exists: (platformId: number, sellerId: string) => q.exists.get(platformId, sellerId) !== undefined,
    version: (platformId: number, sellerId: string, version: number) =>
      q.version.get(platformId, sellerId, version),
    versions: (platformId: number, sellerId: string, limit: number, offset: number) =>
      q.versions.all(platformId, sellerId, limit, offset),
  };
}

export type SellersStore = ReturnType<typeof sellersStore>;
