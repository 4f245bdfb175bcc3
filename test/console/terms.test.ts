import { expect, test } from 'vitest';
import { MARK_VERDICTS } from '../../crawlers/marks/types.ts';
import { INCONCLUSIVE_REASONS, VERDICTS } from '../../crawlers/types.ts';
import { REQUEST_STATUSES, SCOPES } from '../../src/assistance/terms.ts';
import {
  ANSWER_KINDS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_STATUSES,
  DEADLINE_STEPS,
  OUTCOMES,
  REJECTION_REASONS,
} from '../../src/complaints/terms.ts';
import { hasTerm, severityTerm, term } from '../../src/console/i18n.ts';
import { CREDIT_EVENT_KINDS } from '../../src/credit/model.ts';
import { LICENSE_CATEGORIES } from '../../src/exchange/decision-lists.ts';
import { LEAD_CATEGORIES, LEAD_MEASURES, LEAD_STATUSES } from '../../src/leads/terms.ts';
import { SIGNALS } from '../../src/risk/rules.ts';
import { WARNING_STATUSES } from '../../src/risk/store.ts';
import { SELLER_STATUSES, SUBJECT_TYPES } from '../../src/sellers/record.ts';
import { CRAWL_STATES } from '../../src/verification/crawl-view.ts';
import { WEBHOOK_STATUSES } from '../../src/events/store.ts';

/**
 * Every closed list a page shows, walked against the dictionary (issue 18): each value has Chinese words
 * (with at least one Chinese character) and English words, neither of them the value itself. The lists
 * are imported from where they are defined, so a value added there without its words fails here.
 */
const LISTS: [name: string, values: readonly string[], prefix: string][] = [
  ['verdicts', VERDICTS, ''],
  ['crawl states', CRAWL_STATES, 'crawl_state.'],
  ['webhook statuses', WEBHOOK_STATUSES, 'webhook_status.'],
  ['inconclusive reasons', INCONCLUSIVE_REASONS, ''],
  ['mark verdicts', MARK_VERDICTS, 'mark_verdict.'],
  ['evidence kinds', ['raw', 'rendered', 'screenshot', 'license_image', 'ocr'], 'evidence.'],
  ['tier rules', ['score', 'serious_list', 'abnormal_list'], 'tier_rule.'],
  ['order links', ['verified', 'unverified', 'wrong_store', 'none'], 'order_link.'],
  ['credit event kinds', CREDIT_EVENT_KINDS, ''],
  ['lists', ['abnormal', 'serious'], ''],
  ['risk signals', SIGNALS, ''],
  ['warning statuses', WARNING_STATUSES, ''],
  ['complaint statuses', COMPLAINT_STATUSES, ''],
  ['complaint categories', COMPLAINT_CATEGORIES, ''],
  ['rejection reasons', REJECTION_REASONS, ''],
  ['answer kinds', ANSWER_KINDS, ''],
  ['outcomes', OUTCOMES, ''],
  ['deadline steps', DEADLINE_STEPS, 'deadline.'],
  ['lead categories', LEAD_CATEGORIES, 'lead.'],
  ['lead measures', LEAD_MEASURES, 'lead.'],
  ['lead statuses', LEAD_STATUSES, 'lead.'],
  ['assistance scopes', SCOPES, 'assistance_scope.'],
  ['assistance statuses', REQUEST_STATUSES, 'assistance_status.'],
  ['licence categories', LICENSE_CATEGORIES.map((c) => c.code), 'license_'],
  ['subject kinds', SUBJECT_TYPES, ''],
  ['seller statuses', SELLER_STATUSES, ''],
];

test.each(LISTS)('every value of %s has Chinese and English words', (_name, values, prefix) => {
  const missing: string[] = [];
  for (const value of values) {
    const key = `${prefix}${value}`;
    const zh = term('zh', key);
    const en = term('en', key);
    if (!hasTerm(key) || !/\p{Script=Han}/u.test(zh) || en === key || en.length === 0) missing.push(key);
  }
  expect(missing).toEqual([]);
});

test('every severity has words, apart from the list of the same name', () => {
  for (const s of ['minor', 'moderate', 'serious', 'low', 'medium', 'high']) {
    expect(severityTerm('zh', s), s).toMatch(/\p{Script=Han}/u);
    expect(severityTerm('en', s), s).not.toBe(s);
  }
});
