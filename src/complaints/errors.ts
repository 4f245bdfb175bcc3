import type { ActionType, Actor, ComplaintStatus, Outcome } from './terms.ts';

/**
 * How the HTTP layer answers each refusal: a step the state does not allow is a conflict with the
 * complaint as it stands (409); a step the state allows to others is forbidden to this caller (403);
 * a value outside the closed lists is a bad request (400). Exhaustive, like ERROR_STATUS in src/http.
 */
export const WORKFLOW_ERROR_STATUS = {
  illegal_transition: 409,
  actor_not_permitted: 403,
  invalid_action: 400,
} as const;

export type WorkflowErrorCode = keyof typeof WORKFLOW_ERROR_STATUS;

/** One step open from a complaint's current state, and who may take it (allowedSteps in workflow.ts). */
export interface AllowedStep {
  action: ActionType;
  actors: Actor[];
  to: ComplaintStatus;
  /** For `close`: the outcomes open from here. */
  outcomes?: Outcome[];
}

export interface RefusalContext {
  status: ComplaintStatus;
  action: ActionType | undefined;
  actor: Actor;
  allowed: AllowedStep[];
}

/** A refused step. `code` is stable (clients match on it); `allowed` says what could be done instead. */
export class ComplaintWorkflowError extends Error {
  override readonly name = 'ComplaintWorkflowError';
  readonly httpStatus: number;
  readonly status: ComplaintStatus | null;
  readonly action: ActionType | undefined;
  readonly actor: Actor | undefined;
  readonly allowed: AllowedStep[];

  constructor(
    readonly code: WorkflowErrorCode,
    readonly detail: string,
    context?: RefusalContext,
  ) {
    super(detail);
    this.httpStatus = WORKFLOW_ERROR_STATUS[code];
    this.status = context?.status ?? null;
    this.action = context?.action;
    this.actor = context?.actor;
    this.allowed = context?.allowed ?? [];
  }
}
