import type { Gateway } from '../gateway-types.ts';
import { DomainError, notFound } from '../errors.ts';
import { riskStore, type WarningRow, type WarningStatus } from './store.ts';

/**
 * What a regulator does with a warning: open → assigned → confirmed | dismissed. Each step is a verb that
 * owns its transaction and its audit entry. A confirmation names the penalty or list entry the warning
 * led to (of the warning's subject); a dismissal is kept with its reason, so that each signal's precision
 * can be measured from regulators' own decisions. A warning never writes a credit event: the penalty or
 * list entry it led to does, through the credit verbs.
 */
export type RiskWorkflowGateway = Pick<Gateway, 'db' | 'audit' | 'creditRecords'>;

const NEXT: Record<'assign' | 'confirm' | 'dismiss', readonly WarningStatus[]> = {
  assign: ['open', 'assigned'],
  confirm: ['open', 'assigned'],
  dismiss: ['open', 'assigned'],
};

function load(gw: RiskWorkflowGateway, id: string, step: keyof typeof NEXT): WarningRow {
  const w = riskStore(gw.db).byId(id);
  if (!w) throw notFound('warning');
  if (!NEXT[step].includes(w.status))
    throw new DomainError(
      'illegal_transition',
      `a ${w.status} warning cannot be ${step === 'assign' ? 'assigned' : `${step}ed`}`,
      {
        warning_status: w.status,
      },
    );
  return w;
}

export function assignWarning(
  gw: RiskWorkflowGateway,
  id: string,
  input: { assignee?: string },
  actor: string,
  now = new Date(),
): WarningRow {
  return gw.db
    .transaction(() => {
      const w = load(gw, id, 'assign');
      const assignee = input.assignee ?? actor;
      riskStore(gw.db).decide({
        id,
        from: w.status,
        status: 'assigned',
        assignee,
        decided_by: null,
        decided_at: null,
        reason: null,
        penalty_id: null,
        list_entry_id: null,
        at: now.toISOString(),
      });
      gw.audit.append(
        {
          actor,
          action: 'risk_warning.assign',
          target_type: 'risk_warning',
          target_id: id,
          detail: { assignee },
        },
        now,
      );
      return riskStore(gw.db).byId(id)!;
    })
    .immediate();
}

export function confirmWarning(
  gw: RiskWorkflowGateway,
  id: string,
  input: { reason: string; penalty_id?: string; list_entry_id?: string },
  actor: string,
  now = new Date(),
): WarningRow {
  return gw.db
    .transaction(() => {
      const w = load(gw, id, 'confirm');
      if (!input.penalty_id === !input.list_entry_id && w.subject_id)
        throw new DomainError(
          'invalid_body',
          'name exactly one of penalty_id and list_entry_id: what the warning led to',
        );
      if (input.penalty_id) {
        const p = gw.creditRecords.penalty(input.penalty_id);
        if (!p) throw notFound('penalty');
        if (w.subject_id && p.subject_id !== w.subject_id)
          throw new DomainError('conflict', "the penalty concerns another subject than the warning's");
        if (p.withdrawn_at) throw new DomainError('conflict', 'the penalty was withdrawn');
      }
      if (input.list_entry_id) {
        const e = gw.creditRecords.entry(input.list_entry_id);
        if (!e) throw notFound('list entry');
        if (w.subject_id && e.subject_id !== w.subject_id)
          throw new DomainError('conflict', "the list entry concerns another subject than the warning's");
        if (e.removal_reason === 'error')
          throw new DomainError('conflict', 'the list entry was removed as made in error');
      }
      riskStore(gw.db).decide({
        id,
        from: w.status,
        status: 'confirmed',
        assignee: null,
        decided_by: actor,
        decided_at: now.toISOString(),
        reason: input.reason,
        penalty_id: input.penalty_id ?? null,
        list_entry_id: input.list_entry_id ?? null,
        at: now.toISOString(),
      });
      gw.audit.append(
        {
          actor,
          action: 'risk_warning.confirm',
          target_type: 'risk_warning',
          target_id: id,
          reason: input.reason,
          detail: {
            signal: w.signal,
            penalty_id: input.penalty_id ?? null,
            list_entry_id: input.list_entry_id ?? null,
          },
        },
        now,
      );
      return riskStore(gw.db).byId(id)!;
    })
    .immediate();
}

export function dismissWarning(
  gw: RiskWorkflowGateway,
  id: string,
  input: { reason: string },
  actor: string,
  now = new Date(),
): WarningRow {
  return gw.db
    .transaction(() => {
      const w = load(gw, id, 'dismiss');
      riskStore(gw.db).decide({
        id,
        from: w.status,
        status: 'dismissed',
        assignee: null,
        decided_by: actor,
        decided_at: now.toISOString(),
        reason: input.reason,
        penalty_id: null,
        list_entry_id: null,
        at: now.toISOString(),
      });
      gw.audit.append(
        {
          actor,
          action: 'risk_warning.dismiss',
          target_type: 'risk_warning',
          target_id: id,
          reason: input.reason,
          detail: { signal: w.signal },
        },
        now,
      );
      return riskStore(gw.db).byId(id)!;
    })
    .immediate();
}
