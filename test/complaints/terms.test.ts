import { describe, expect, test } from 'vitest';
import {
  ACTION_TYPES,
  ACTORS,
  ANSWER_KINDS,
  ANSWER_WORKING_DAYS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_STATUSES,
  DECISION_WORKING_DAYS,
  MEDIATION_WORKING_DAYS,
  OUTCOMES,
  REJECTION_REASONS,
  WORKFLOW_ERROR_STATUS,
} from '../../src/complaints/workflow.ts';

// The names other code, stored rows and clients match on: a rename or a dropped entry must fail here.
describe('the closed lists', () => {
  test('say exactly what the issue names', () => {
    expect(COMPLAINT_STATUSES).toEqual([
      'submitted',
      'accepted',
      'rejected',
      'forwarded',
      'answered',
      'resolved',
      'mediation',
      'closed',
    ]);
    expect(ACTION_TYPES).toEqual([
      'accept',
      'reject',
      'forward',
      'respond',
      'consumer_accept',
      'consumer_reject',
      'mediate',
      'close',
      'withdraw',
      'substantiate',
      'message',
      'sweep',
    ]);
    expect(ACTORS).toEqual(['consumer', 'platform', 'regulator', 'system']);
    expect(ANSWER_KINDS).toEqual(['refund', 'replacement', 'explanation', 'decline']);
    expect(OUTCOMES).toEqual([
      'resolved_for_consumer',
      'partially_resolved',
      'unsubstantiated',
      'withdrawn',
      'mediation_failed',
    ]);
    expect(COMPLAINT_CATEGORIES).toEqual([
      'quality',
      'counterfeit',
      'false_advertising',
      'non_delivery',
      'refund_refused',
      'price_fraud',
      'personal_data_misuse',
      'other',
    ]);
    expect(REJECTION_REASONS).toEqual([
      'not_consumer_dispute',
      'outside_jurisdiction',
      'handled_elsewhere',
      'duplicate',
      'time_barred',
      'insufficient_information',
      'other',
    ]);
    expect([DECISION_WORKING_DAYS, ANSWER_WORKING_DAYS, MEDIATION_WORKING_DAYS]).toEqual([7, 10, 45]);
  });

  test('refusals map to 409, 403 and 400', () => {
    expect(WORKFLOW_ERROR_STATUS).toEqual({
      illegal_transition: 409,
      actor_not_permitted: 403,
      invalid_action: 400,
    });
  });
});
