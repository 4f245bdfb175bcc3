/**
 * The risk signals: their names, versions and every threshold, in one place (docs/risk-model.md says
 * where each idea comes from). A warning names the version of the rule that raised it; a change of a
 * threshold is a new version, so that a signal's measured precision is the precision of one rule.
 */
export const SIGNALS = [
  'order_brushing',
  'shared_contact',
  'relisted_offender',
  'sporadic_threshold',
  'complaint_spike',
  'filing_gap',
  'assistance_overdue',
  'duplicate_trace_code',
] as const;
export type Signal = (typeof SIGNALS)[number];

export const RULES = {
  order_brushing: {
    version: 'order_brushing/1',
    windowDays: 30,
    /** Few buyers: at least this many orders in one hour, at least this many orders per distinct buyer. */
    fewBuyers: { minOrders: 10, ordersPerBuyer: 3 },
    /** A burst: at least this many orders in one hour, this many times the store's own mean per active hour. */
    burst: { minOrders: 30, timesBaseline: 10, minActiveHours: 24 },
    /** Identical amounts: this share of an hour's orders with one total, in an hour this far above baseline. */
    identicalAmounts: { minOrders: 20, share: 0.8, timesBaseline: 3, minActiveHours: 24 },
    /** Quick reversals: this share of an hour's orders cancelled or refunded within 30 minutes. */
    quickReversals: { minOrders: 10, share: 0.5 },
  },
  shared_contact: {
    version: 'shared_contact/1',
    /** Distinct subjects behind one value before it is a warning. */
    minSubjects: { phone: 3, address: 4, legal_representative: 3 },
    /**
     * A phone or address behind more subjects than this is a service's (a platform's hotline, a
     * registration agent's address for hundreds of firms): a different lead, not one operator's.
     */
    maxSubjects: 50,
    /** A legal representative's name held by more subjects than this (or this share of all) is too common to mean anything. */
    commonName: { subjects: 20, share: 0.001 },
  },
  relisted_offender: {
    version: 'relisted_offender/1',
    /**
     * Fellegi-Sunter: m is the probability that the attribute agrees when two subjects are the same
     * operator; u (the chance agreement) is the share of subjects holding the value, measured.
     */
    m: { phone: 0.9, address: 0.8, legal_representative: 0.9, name: 0.7, store_url: 0.5 },
    /** The weight must reach log2(subjects) minus this: one rare coincidence is never enough. */
    thresholdBelowLog2Subjects: 2,
    /** And at least this many attributes agree: one rare coincidence is never enough. */
    minAgreeing: 2,
    /** Names count as agreeing from this bigram similarity on, or when their cores are equal. */
    nameSimilarity: 0.5,
  },
  sporadic_threshold: {
    version: 'sporadic_threshold/1',
    /** Warn from this share of the registration threshold (config: MARKETGATE_SPORADIC_THRESHOLD_CNY). */
    share: 0.8,
  },
  complaint_spike: {
    version: 'complaint_spike/1',
    windowDays: 30,
    minComplaints: 3,
    timesBaseline: 3,
    /** One-sided Poisson test against the category's baseline rate. */
    pValue: 0.001,
    /** Stores with fewer orders in the window do not shape the category median. */
    baselineMinOrders: 100,
    /** Per thousand orders, the least baseline (a category with no complaint at all). */
    baselineFloor: 0.1,
  },
  filing_gap: {
    version: 'filing_gap/1',
    /** A store whose orders stopped: it had this many in the 30 days before its last one... */
    minOrdersBefore: 20,
    /** ...and its platform has filed orders for this many days since. */
    silentDays: 7,
    /** Stores that stopped longer ago than this are not looked at. */
    lookBackDays: 180,
  },
  assistance_overdue: {
    version: 'assistance_overdue/1',
    /** One open request past its due date, or one answered late, is enough: each is a missed legal duty. */
    base: 40,
    /** Added per open request past due, and per request answered late (due within the look-back). */
    perOverdue: 15,
    perLate: 5,
    maxScore: 90,
    /** Late answers count for a year after their due date; an open overdue request counts until answered. */
    lookBackDays: 365,
  },
  duplicate_trace_code: {
    version: 'duplicate_trace_code/1',
    /** One code sold twice (not a return and a resale) is enough: a box is sold once. */
    base: 50,
    /** Added per further code the store sold after another sale of it. */
    perCode: 5,
    /** Added when another store sold the codes first (a copied code, or a unit passed on). */
    otherStores: 10,
    /** Sales of one code read: a code copied onto thousands of boxes is counted from these. */
    salesReadPerCode: 1_000,
  },
} as const;

export type Severity = 'low' | 'medium' | 'high';

export function severityOf(score: number): Severity {
  return score >= 70 ? 'high' : score >= 40 ? 'medium' : 'low';
}

export const clampScore = (score: number) => Math.max(0, Math.min(100, Math.round(score)));
