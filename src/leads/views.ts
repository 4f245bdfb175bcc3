/**
 * What each party sees of a lead. The platform sees its lead, its status and every step, but not which
 * regulator took it, nor the risk warnings it was linked to (leads for regulators), nor a penalty that is
 * not published; the regulator sees everything. The texts were masked when they were filed (text.ts).
 */
import type { Gateway } from '../gateway-types.ts';
import { riskStore } from '../risk/store.ts';
import type { LeadLinkRow, LeadRow } from './store.ts';
import { leadsStore } from './store.ts';
import { type LeadStatus, regulatorStepsOf } from './terms.ts';

type ViewGateway = Pick<Gateway, 'db' | 'accounts' | 'creditRecords'>;
export type LeadAudience = 'platform' | 'regulator';

function linkView(gw: ViewGateway, link: LeadLinkRow, audience: LeadAudience) {
  if (link.kind === 'penalty') {
    const p = gw.creditRecords.penalty(link.target_id);
    const published = !!p?.published_at && !p.withdrawn_at;
    if (audience === 'platform')
      return {
        kind: link.kind,
        linked_at: link.linked_at,
        ...(published ? { penalty_id: p.id, decision_number: p.decision_number } : {}),
      };
    return {
      kind: link.kind,
      penalty_id: link.target_id,
      decision_number: p?.decision_number ?? null,
      published: published,
      note: link.note,
      linked_by: link.linked_by,
      linked_at: link.linked_at,
    };
  }
  if (audience === 'platform') return { kind: link.kind, linked_at: link.linked_at };
  const w = riskStore(gw.db).byId(link.target_id);
  return {
    kind: link.kind,
    warning_id: link.target_id,
    signal: w?.signal ?? null,
    warning_status: w?.status ?? null,
    note: link.note,
    linked_by: link.linked_by,
    linked_at: link.linked_at,
  };
}

/** The actor as the platform may see it: itself, or "regulator" without which one. */
const actorFor = (actor: string, audience: LeadAudience) =>
  audience === 'regulator' || actor.startsWith('platform:') ? actor : actor.split(':')[0]!;

export function leadView(gw: ViewGateway, row: LeadRow, audience: LeadAudience) {
  const store = leadsStore(gw.db);
  const regulator = audience === 'regulator';
  return {
    lead_id: row.id,
    platform: gw.accounts.platformById(row.platform_id)?.slug ?? null,
    status: row.status,
    category: row.category,
    seller: {
      seller_id: row.seller_id,
      subject_id: row.subject_id,
      store_name: row.store_name,
      store_url: row.store_url,
    },
    goods: JSON.parse(row.goods) as { name: string; sku: string | null; url: string | null }[],
    found: row.found,
    records: JSON.parse(row.records) as string[],
    measures: JSON.parse(row.measures) as { measure: string; taken_on: string | null }[],
    measures_note: row.measures_note,
    found_on: row.found_on,
    reference: row.reference,
    submitted_at: row.submitted_at,
    updated_at: row.updated_at,
    ...(regulator ? { assignee: row.assignee } : {}),
    decision:
      row.decided_at === null
        ? null
        : {
            status: row.status,
            reason: row.reason,
            at: row.decided_at,
            ...(regulator ? { by: row.decided_by } : {}),
          },
    links: store.links(row.id).map((l) => linkView(gw, l, audience)),
    files: store.files(row.id).map(({ sha256, media_type, size, name, added_at }) => ({
      sha256,
      media_type,
      size,
      name,
      added_at,
    })),
    events: store.events(row.id).map((e) => ({
      seq: e.seq,
      action: e.action,
      actor: actorFor(e.actor, audience),
      at: e.at,
      from: e.from_status,
      to: e.to_status,
      note: e.note,
      ...eventDetail(e.detail, audience),
    })),
    ...(regulator ? { next_steps: regulatorStepsOf(row.status as LeadStatus) } : {}),
  };
}

/** An event's particulars; to the platform without the assignee and without the warning a link names. */
function eventDetail(detail: string, audience: LeadAudience): Record<string, unknown> {
  const d = JSON.parse(detail) as Record<string, unknown>;
  if (audience === 'regulator') return d;
  const { assignee: _assignee, target_id: _target, ...rest } = d;
  return rest;
}

export type LeadView = ReturnType<typeof leadView>;
