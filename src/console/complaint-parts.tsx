import type { DomainError } from '../errors.ts';
import { problemHeaders } from '../http/errors.ts';
import type { complaintView } from '../complaints/views.ts';
import {
  ANSWER_WORKING_DAYS,
  type Actor,
  type ComplaintStatus,
  type DeadlineStep,
  MEDIATION_WORKING_DAYS,
} from '../complaints/workflow.ts';
import { type MessageKey, term } from './i18n.ts';
import type { PageContext } from './layout.tsx';
import { type Column, DataTable, Status, When } from './ui.tsx';

/*
 * What the consumer's complaint pages share (lodging: complaint-lodge.tsx, tracking:
 * complaint-tracking.tsx), and the steps table the regulator's complaint page shows too.
 */

/** A message of ours with its `{name}` places filled. */
export const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));

/** A page that says "not now" carries the Retry-After its problem would. */
export function withProblemHeaders(page: Response, err: DomainError): Response {
  const retryAfter = problemHeaders(err)['retry-after'];
  if (retryAfter) page.headers.set('retry-after', retryAfter);
  return page;
}

export type ConsumerView = ReturnType<typeof complaintView>;

/** One step still to come: what is done, by whom, and the deadline the workflow set or the period that will. */
interface StepAhead {
  step: DeadlineStep | 'reply';
  what: MessageKey;
  who: Actor;
  /** The deadline date the workflow set (China Standard Time), or null while its clock has not started. */
  due: string | null;
  /** What is said instead of a date while there is none. */
  until: string;
}

/** Where each status stands in the steps ahead (workflow.ts): the ones before it are behind. */
const STEPS_FROM: Record<ComplaintStatus, number> = {
  submitted: 0,
  accepted: 0,
  forwarded: 1,
  answered: 2,
  mediation: 3,
  resolved: 4,
  closed: 4,
  rejected: 4,
};

/**
 * The steps ahead of a complaint with the deadlines the workflow set (ComplaintState.deadlines); a clock
 * not started yet is said as its period in working days (complaints/terms.ts), never computed here.
 */
function stepsAhead(p: PageContext, v: ConsumerView): StepAhead[] {
  const { decision, answer, mediation } = v.deadlines;
  const all: StepAhead[] = [
    { step: 'decision', what: 'nextDecision', who: 'regulator', due: decision, until: '' },
    {
      step: 'answer',
      what: 'nextAnswer',
      who: 'platform',
      due: answer,
      until: fill(p.t('nextAfterForward'), { n: ANSWER_WORKING_DAYS }),
    },
    { step: 'reply', what: 'nextReply', who: 'consumer', due: null, until: p.t('nextAfterAnswer') },
    {
      step: 'mediation',
      what: 'nextMediation',
      who: 'regulator',
      due: mediation,
      until: fill(p.t('nextAfterMediation'), { n: MEDIATION_WORKING_DAYS }),
    },
  ];
  return all.slice(STEPS_FROM[v.status as ComplaintStatus] ?? all.length);
}

/**
 * The end of a deadline date in China Standard Time: a step taken on its deadline date is in time
 * (workflow.ts), so "by" is that day's last minute there.
 */
const endOfChinaDay = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();

/** What happens next and by when: each step ahead, who acts, and the time by which, in CST. */
export const NextSteps = ({ p, v }: { p: PageContext; v: ConsumerView }) => {
  const rows = stepsAhead(p, v);
  const columns: Column<StepAhead>[] = [
    { head: p.t('nextStep'), cell: (s) => p.t(s.what) },
    { head: p.t('nextWho'), cell: (s) => <Status lang={p.lang} value={s.who} /> },
    {
      head: p.t('nextBy'),
      align: 'nowrap',
      cell: (s) =>
        s.due ? (
          <span data-step={s.step} data-due={s.due}>
            <When lang={p.lang} iso={endOfChinaDay(s.due)} />
            {v.overdue.includes(s.step as DeadlineStep) ? (
              <>
                {' '}
                <span class="due-overdue">{p.t('overdue')}</span>
              </>
            ) : null}
          </span>
        ) : (
          <span data-step={s.step}>{s.until}</span>
        ),
    },
  ];
  return (
    <>
      <h2>{p.t('nextTitle')}</h2>
      {rows.length ? <p class="muted">{p.t('nextIntro')}</p> : null}
      <DataTable columns={columns} rows={rows} empty={p.t('nextNone')} testid="next-steps" />
    </>
  );
};

/**
 * The product trace code a complaint names, as a term of a facts list (`dl`), linked to the public check
 * of its sales (/trace); nothing when none.
 */
export const TraceCodeFact = ({ p, code }: { p: PageContext; code: ConsumerView['trace_code'] }) =>
  code ? (
    <>
      <dt>{p.t('complaintTraceCode')}</dt>
      <dd data-testid="trace-code" data-scheme={code.scheme}>
        {term(p.lang, `trace_scheme.${code.scheme}`)}{' '}
        <a href={`/trace?scheme=${code.scheme}&code=${encodeURIComponent(code.code)}`}>
          <code>{code.code}</code>
        </a>
      </dd>
    </>
  ) : null;

type ViewFile = ConsumerView['files'][number];

const fileSize = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The evidence files a complaint holds, known by their hash and type (never the name they came with). */
export const FilesTable = ({ p, files }: { p: PageContext; files: readonly ViewFile[] }) => (
  <DataTable
    testid="files"
    rows={files}
    empty={p.t('noFiles')}
    columns={[
      { head: p.t('fileName'), cell: (f) => <code>{f.name}</code> },
      { head: p.t('fileType'), cell: (f) => <Status lang={p.lang} value={f.media_type} /> },
      { head: p.t('fileSize'), align: 'num', cell: (f) => fileSize(f.size) },
      { head: p.t('fileAddedAt'), align: 'nowrap', cell: (f) => <When lang={p.lang} iso={f.added_at} /> },
    ]}
  />
);

type StepEvent = {
  seq: number;
  action: string;
  actor: string;
  at: string;
  to: string;
  message: string | null;
};

/** Every step of a complaint, oldest first: on the tracking page and the regulator's. */
export const StepsTable = ({ p, events }: { p: PageContext; events: StepEvent[] }) => (
  <DataTable
    testid="steps"
    rows={events}
    empty="—"
    columns={[
      { head: p.t('when'), align: 'nowrap', cell: (e) => <When lang={p.lang} iso={e.at} /> },
      { head: p.t('who'), cell: (e) => <Status lang={p.lang} value={e.actor} /> },
      { head: p.t('event'), cell: (e) => <Status lang={p.lang} value={e.action} /> },
      { head: p.t('status'), cell: (e) => <Status lang={p.lang} value={e.to} /> },
      { head: p.t('message'), cell: (e) => <span data-raw>{e.message ?? ''}</span> },
    ]}
  />
);
