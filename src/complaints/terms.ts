/**
 * The closed lists and legal periods of the complaint workflow (workflow.ts). Everything a complaint,
 * an action or an event may name comes from a list here, so storage, routes and OpenAPI enums share them.
 */

/** Working days the regulator has to accept or reject a complaint, from the day after submission. */
export const DECISION_WORKING_DAYS = 7;
/** Working days the platform has to answer a forwarded complaint, from the day after forwarding. */
export const ANSWER_WORKING_DAYS = 10;
/** Working days a mediation may run, from the day after it starts. */
export const MEDIATION_WORKING_DAYS = 45;

export const COMPLAINT_CATEGORIES = [
  'quality',
  'counterfeit',
  'false_advertising',
  'non_delivery',
  'refund_refused',
  'price_fraud',
  'personal_data_misuse',
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/**
 * Why a regulator declines to accept a complaint: the grounds for 不予受理 in the SAMR Interim Measures on
 * handling complaints and reports (市场监督管理投诉举报处理暂行办法, 2019), plus `duplicate` for a
 * complaint lodged here twice.
 */
export const REJECTION_REASONS = [
  /** Not a consumer dispute: not bought for personal consumption, or no dispute with the seller shown. */
  'not_consumer_dispute',
  /** Not the regulator's duty, or this office has no authority over the seller. */
  'outside_jurisdiction',
  /** A court, an arbitration body, another authority or a consumer association has taken or settled it. */
  'handled_elsewhere',
  /** The same consumer already lodged the same dispute here. */
  'duplicate',
  /** The consumer knew of the harm more than three years ago. */
  'time_barred',
  /** The complaint lacks what a complaint must contain (parties, facts, request, evidence of purchase). */
  'insufficient_information',
  /** Another ground in law; the message must say which. */
  'other',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const ANSWER_KINDS = ['refund', 'replacement', 'explanation', 'decline'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

export const OUTCOMES = [
  'resolved_for_consumer',
  'partially_resolved',
  'unsubstantiated',
  'withdrawn',
  'mediation_failed',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const ACTORS = ['consumer', 'platform', 'regulator', 'system'] as const;
export type Actor = (typeof ACTORS)[number];

export const COMPLAINT_STATUSES = [
  'submitted',
  'accepted',
  'rejected',
  'forwarded',
  'answered',
  'resolved',
  'mediation',
  'closed',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** Statuses after which nothing more happens. */
export const FINAL_STATUSES: readonly ComplaintStatus[] = ['rejected', 'closed'];

export const ACTION_TYPES = [
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
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** The steps that run against a deadline, named after what is due. */
export const DEADLINE_STEPS = ['decision', 'answer', 'mediation'] as const;
export type DeadlineStep = (typeof DEADLINE_STEPS)[number];
