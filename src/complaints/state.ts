// The shapes the workflow passes around: a complaint's state, the actions taken on it, the events it leaves.
import type {
  ActionType,
  Actor,
  AnswerKind,
  ComplaintCategory,
  ComplaintStatus,
  DeadlineStep,
  Outcome,
  RejectionReason,
} from './terms.ts';

export interface PlatformAnswer {
  kind: AnswerKind;
  message: string;
  /** RFC 3339, UTC. */
  at: string;
  /** Given after the answer deadline. */
  untimely: boolean;
}

export interface ComplaintState {
  status: ComplaintStatus;
  category: ComplaintCategory;
  /** Linked to an order the platform filed as paid: the system may accept it. */
  verified_purchase: boolean;
  /** RFC 3339, UTC. */
  submitted_at: string;
  /** The time of the last event (RFC 3339, UTC): a later event may not come before it. */
  updated_at: string;
  /** China Standard Time dates YYYY-MM-DD, set when each clock starts. */
  deadlines: { decision: string; answer: string | null; mediation: string | null };
  /** Steps whose deadline passed before they were done, in the order noticed. */
  overdue: readonly DeadlineStep[];
  /** The regulator found the seller at fault. */
  substantiated: boolean;
  rejection: RejectionReason | null;
  answer: PlatformAnswer | null;
  outcome: Outcome | null;
}

type WithMessage<T> = T & { message?: string };
export type ComplaintAction =
  | WithMessage<{ type: 'accept' }>
  | WithMessage<{ type: 'reject'; reason: RejectionReason }>
  | WithMessage<{ type: 'forward' }>
  | { type: 'respond'; kind: AnswerKind; message: string }
  | WithMessage<{ type: 'consumer_accept' }>
  | WithMessage<{ type: 'consumer_reject' }>
  | WithMessage<{ type: 'mediate' }>
  | WithMessage<{ type: 'close'; outcome: Outcome }>
  | WithMessage<{ type: 'withdraw' }>
  | { type: 'substantiate'; message: string }
  | { type: 'message'; message: string }
  | WithMessage<{ type: 'sweep' }>;

export interface ComplaintEvent {
  action: ActionType | 'submit';
  actor: Actor;
  /** RFC 3339, UTC. */
  at: string;
  from: ComplaintStatus | null;
  to: ComplaintStatus;
  message: string | null;
  reason?: RejectionReason;
  kind?: AnswerKind;
  untimely?: boolean;
  outcome?: Outcome;
  /** The deadline whose clock this step started. */
  deadline?: { step: DeadlineStep; due: string };
  /** Deadlines found passed at this event and not marked before. */
  newly_overdue: DeadlineStep[];
}
