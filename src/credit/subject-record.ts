import type { Gateway } from '../gateway-types.ts';
import { regulatorSubjectView } from './views.ts';

/**
 * The whole record of a subject for regulators (GET /v1/regulator/subjects/{id}), read in one snapshot:
 * its events, score, lists, penalties, verifications and marks are read in one read transaction, so a
 * write committed halfway through the reads cannot show a score that disagrees with the events beside it.
 */
export function regulatorSubjectRecord(
  gw: Parameters<typeof regulatorSubjectView>[0] & Pick<Gateway, 'db'>,
  subjectId: string,
  now = new Date(),
): ReturnType<typeof regulatorSubjectView> {
  return gw.db.transaction(() => regulatorSubjectView(gw, subjectId, now))();
}
