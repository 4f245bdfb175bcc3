import type { PenaltyRow } from '../credit/records.ts';
import type { PageContext } from './layout.tsx';
import type { ConsoleGateway } from './types.ts';

// What the regulator's pages of a lead and of a warning share: who did a step, and the penalties a
// decision can name as what it led to.

/** An audit actor (`regulator:<id>`) by the regulator's name, else as written. */
export function actorName(gw: ConsoleGateway, actor: string): string {
  const m = /^regulator:(\d+)$/.exec(actor);
  return (m && gw.accounts.regulatorById(Number(m[1]))?.name) || actor;
}

/** A subject's penalties as choices (`penalty:<id>`) of a "led to" select, by number and date; none, nothing. */
export const PenaltyChoices = ({ p, penalties }: { p: PageContext; penalties: readonly PenaltyRow[] }) =>
  penalties.length ? (
    <optgroup label={p.t('penalties')}>
      {penalties.map((x) => (
        <option value={`penalty:${x.id}`}>
          {x.decision_number} · {x.decided_on}
        </option>
      ))}
    </optgroup>
  ) : null;
