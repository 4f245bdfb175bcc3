/**
 * How much one complaint may hold (config.ts, ComplaintLimits): messages per party and files, in total
 * and in any 24 hours. A complaint once took 9,034 messages; these keep it a case file a person can read.
 *
 * - In total: 200 messages from the consumer and 200 from the platform, 20 files. Past them the complaint
 *   is full, for good: `conflict` (409) with `limit` naming which. A mediation that needs more is done
 *   by the regulator, whose messages are not limited.
 * - In 24 hours: 30 messages from each party, 10 files: `rate_limited` (429) with Retry-After, when the
 *   oldest of them leaves the 24 hours.
 *
 * Checked inside the transaction that writes the message or the files, so that two requests at once
 * cannot both take the last place.
 */
import type { Config } from '../config.ts';
import { DomainError, rateLimited } from '../errors.ts';
import type { Actor } from './workflow.ts';
import type { Allowance, ComplaintsStore } from './store.ts';

const DAY_MS = 86_400_000;

type LimitsGateway = { config: Pick<Config, 'complaints'>; complaints: ComplaintsStore };

/** Parties whose messages are limited: the consumer and the platform, each on its own allowance. */
export const LIMITED_PARTIES: readonly Actor[] = ['consumer', 'platform'];

function refuse(
  what: 'messages' | 'files',
  whose: string,
  total: Allowance,
  day: Allowance,
  adding: number,
  max: { total: number; day: number },
  now: Date,
): void {
  const noun = whose ? `${what} ${whose}` : what;
  if (total.n + adding > max.total)
    throw new DomainError('conflict', `a complaint holds at most ${max.total} ${noun}; it has ${total.n}`, {
      limit: `${what}_per_complaint`,
      max: max.total,
    });
  if (day.n + adding > max.day) {
    const first = day.first ? Date.parse(day.first) : now.getTime();
    const seconds = Math.max(1, Math.ceil((first + DAY_MS - now.getTime()) / 1000));
    throw rateLimited(
      `at most ${max.day} ${noun} on one complaint in 24 hours: try again in ${seconds} s`,
      seconds,
    );
  }
}

/** Refuses a message of the consumer or the platform past its allowance; others pass. */
export function checkMessageAllowance(gw: LimitsGateway, complaintId: string, actor: Actor, now: Date): void {
  if (!LIMITED_PARTIES.includes(actor)) return;
  const { messagesPerComplaint, messagesPerDay } = gw.config.complaints;
  const since = new Date(now.getTime() - DAY_MS).toISOString();
  refuse(
    'messages',
    `from the ${actor}`,
    gw.complaints.messagesSince(complaintId, actor, ''),
    gw.complaints.messagesSince(complaintId, actor, since),
    1,
    { total: messagesPerComplaint, day: messagesPerDay },
    now,
  );
}

/** Refuses `adding` files past the complaint's allowance. */
export function checkFileAllowance(gw: LimitsGateway, complaintId: string, adding: number, now: Date): void {
  const { filesPerComplaint, filesPerDay } = gw.config.complaints;
  const since = new Date(now.getTime() - DAY_MS).toISOString();
  refuse(
    'files',
    '',
    gw.complaints.filesSince(complaintId, ''),
    gw.complaints.filesSince(complaintId, since),
    adding,
    { total: filesPerComplaint, day: filesPerDay },
    now,
  );
}
