/**
 * What a regulator does with a lead: submitted → in_review (assign) → linked (to the penalty or risk
 * warning it led to or fed) → closed; dismissed (no ground for action) from submitted or in_review. Each
 * step is a verb that opens its transaction and writes the row, the lead's event (what the platform
 * follows) and the audit entry, all or nothing. A lead never writes a credit event: the penalty it is
 * linked to does, through the credit verbs.
 */
import { DomainError, notFound } from '../errors.ts';
import type { Gateway } from '../gateway-types.ts';
import { riskStore, type WarningRow } from '../risk/store.ts';
import { invalid, type LeadGateway } from './service.ts';
import { type LeadRow, leadsStore } from './store.ts';
import { LEAD_STEPS, type LeadStatus, type LeadStep } from './terms.ts';

/** The lead, if this step may be taken in its status; else 404 or 409 `illegal_transition` with what may. */
export function leadFor(gw: Pick<Gateway, 'db'>, id: string, step: LeadStep): LeadRow {
  const row = leadsStore(gw.db).byId(id);
  if (!row) throw notFound('lead');
  const from = LEAD_STEPS[step] as readonly LeadStatus[];
  if (!from.includes(row.status))
    throw new DomainError('illegal_transition', `a ${row.status} lead cannot be ${PAST[step]}`, {
      lead_status: row.status,
      allowed: Object.entries(LEAD_STEPS)
        .filter(
          ([s, statuses]) => s !== 'add_files' && (statuses as readonly LeadStatus[]).includes(row.status),
        )
        .map(([s]) => s),
    });
  return row;
}
const PAST: Record<LeadStep, string> = {
  assign: 'assigned',
  link: 'linked',
  dismiss: 'dismissed',
  close: 'closed',
  add_files: 'given files',
};

/** Writes one step: the row (if nobody wrote it meanwhile), the event and the audit entry. */
function writeStep(
  gw: LeadGateway,
  row: LeadRow,
  step: {
    action: string;
    to: LeadStatus;
    actor: string;
    note?: string | null;
    detail: Record<string, unknown>;
  },
  changes: Partial<Pick<LeadRow, 'assignee' | 'decided_by' | 'decided_at' | 'reason'>>,
  now: Date,
): LeadRow {
  const store = leadsStore(gw.db);
  const at = now.toISOString();
  const written = store.update(
    {
      id: row.id,
      status: step.to,
      assignee: row.assignee,
      decided_by: row.decided_by,
      decided_at: row.decided_at,
      reason: row.reason,
      ...changes,
      updated_at: at,
    },
    row.status,
    row.updated_at,
  );
  if (!written) throw new DomainError('conflict', 'the lead changed meanwhile: read it again');
  store.appendEvent({
    lead_id: row.id,
    action: step.action,
    actor: step.actor,
    at,
    from_status: row.status,
    to_status: step.to,
    note: step.note ?? null,
    detail: JSON.stringify(step.detail),
  });
  gw.audit.append(
    {
      actor: step.actor,
      action: `lead.${step.action}`,
      target_type: 'lead',
      target_id: row.id,
      reason: step.note ?? null,
      detail: { from: row.status, to: step.to, ...step.detail },
    },
    now,
  );
  return store.byId(row.id)!;
}

/** A regulator takes a lead (or gives it to a colleague): submitted → in_review; later statuses stay. */
export function assignLead(
  gw: LeadGateway,
  id: string,
  input: { assignee?: string | undefined },
  actor: string,
  now = new Date(),
): LeadRow {
  return gw.db
    .transaction(() => {
      const row = leadFor(gw, id, 'assign');
      const assignee = input.assignee ?? actor;
      const to: LeadStatus = row.status === 'submitted' ? 'in_review' : row.status;
      return writeStep(gw, row, { action: 'assign', to, actor, detail: { assignee } }, { assignee }, now);
    })
    .immediate();
}

/** Whether a risk warning concerns the lead's seller: its subject, its store, or (a platform warning) its platform. */
function warningConcerns(w: WarningRow, lead: LeadRow): boolean {
  if (w.subject_id) return w.subject_id === lead.subject_id;
  if (w.seller_id) return w.platform_id === lead.platform_id && w.seller_id === lead.seller_id;
  return w.platform_id === lead.platform_id;
}

/**
 * Links a lead to what it led to or fed: a penalty of the lead's subject (not withdrawn) or a risk warning
 * about its subject, store or platform. A lead may be linked to several; each once.
 */
export function linkLead(
  gw: LeadGateway,
  id: string,
  input: { penalty_id?: string | undefined; warning_id?: string | undefined; note?: string | undefined },
  actor: string,
  now = new Date(),
): LeadRow {
  return gw.db
    .transaction(() => {
      const row = leadFor(gw, id, 'link');
      let link: { kind: 'penalty' | 'risk_warning'; target_id: string };
      if (input.penalty_id !== undefined) {
        const p = gw.creditRecords.penalty(input.penalty_id);
        if (!p) throw notFound('penalty');
        if (p.subject_id !== row.subject_id)
          throw new DomainError('conflict', "the penalty concerns another subject than the lead's seller");
        if (p.withdrawn_at) throw new DomainError('conflict', 'the penalty was withdrawn');
        link = { kind: 'penalty', target_id: p.id };
      } else if (input.warning_id !== undefined) {
        const w = riskStore(gw.db).byId(input.warning_id);
        if (!w) throw notFound('warning');
        if (!warningConcerns(w, row))
          throw new DomainError(
            'conflict',
            "the risk warning concerns another subject or store than the lead's",
          );
        link = { kind: 'risk_warning', target_id: w.id };
      } else throw invalid('penalty_id', 'name exactly one of penalty_id and warning_id');
      const inserted = leadsStore(gw.db).insertLink({
        lead_id: row.id,
        ...link,
        note: input.note ?? null,
        linked_by: actor,
        linked_at: now.toISOString(),
      });
      if (!inserted)
        throw new DomainError(
          'conflict',
          `the lead is linked to this ${link.kind.replace('_', ' ')} already`,
        );
      return writeStep(
        gw,
        row,
        { action: 'link', to: 'linked', actor, note: input.note ?? null, detail: { ...link } },
        { assignee: row.assignee ?? actor },
        now,
      );
    })
    .immediate();
}

/** Dismisses a lead that gives no ground for action, with the reason (shown to the platform). */
export function dismissLead(
  gw: LeadGateway,
  id: string,
  input: { reason: string },
  actor: string,
  now = new Date(),
) {
  return gw.db
    .transaction(() => {
      const row = leadFor(gw, id, 'dismiss');
      return writeStep(
        gw,
        row,
        { action: 'dismiss', to: 'dismissed', actor, note: input.reason, detail: {} },
        { decided_by: actor, decided_at: now.toISOString(), reason: input.reason },
        now,
      );
    })
    .immediate();
}

/** Closes a lead that was worked (taken or linked), saying how (shown to the platform). */
export function closeLead(
  gw: LeadGateway,
  id: string,
  input: { reason: string },
  actor: string,
  now = new Date(),
) {
  return gw.db
    .transaction(() => {
      const row = leadFor(gw, id, 'close');
      return writeStep(
        gw,
        row,
        { action: 'close', to: 'closed', actor, note: input.reason, detail: {} },
        { decided_by: actor, decided_at: now.toISOString(), reason: input.reason },
        now,
      );
    })
    .immediate();
}
