import { formatMoney } from '../lib/money.ts';
import type { DecisionWithRecord } from './store.ts';

/**
 * A decision as the exchange gives it: the data items as filed (amounts back in yuan, a natural person's
 * document number masked, as stored), then marketgate's own fields.
 */
export function decisionExport(row: DecisionWithRecord) {
  const {
    fine_fen: fine,
    confiscated_fen: confiscated,
    ...record
  } = JSON.parse(row.record) as Record<string, unknown> & { fine_fen?: number; confiscated_fen?: number };
  return {
    seq: row.exchange_seq,
    ...record,
    ...(fine !== undefined ? { fine_yuan: formatMoney(fine, 'CNY') } : {}),
    ...(confiscated !== undefined ? { confiscated_yuan: formatMoney(confiscated, 'CNY') } : {}),
    department: row.department_slug,
    version: row.version,
    first_filed_at: row.first_filed_at,
    updated_at: row.updated_at,
    publish_by: row.publish_by,
    published_late: row.late === null ? null : row.late === 1,
    subject_id: row.subject_id,
    penalty_id: row.penalty_id,
  };
}
