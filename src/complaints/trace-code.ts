import { DomainError } from '../errors.ts';
import { type TraceScheme, traceCodeProblem } from '../trace/codes.ts';
import type { ComplaintRow } from './store.ts';

/**
 * The product trace code a complaint names (issue 23, docs/trace-codes.md): the unit complained about, so
 * that a consumer whom the public trace check told a code was sold more than once (a box resold, or a
 * counterfeit) can lodge a complaint linked to it. Checked by its scheme as filed orders' codes are, and
 * kept as given: never interpreted.
 */
export interface TraceCode {
  scheme: TraceScheme;
  code: string;
}

/** What a lodging names: any scheme and code, checked here rather than by the body's schema. */
export interface GivenTraceCode {
  scheme: string;
  code: string;
}

/**
 * The trace code a lodging names, or null when it names none. A code its scheme refuses, or a scheme
 * that is not one, is refused as invalid_trace_code (400, as invalid_body), with `errors` naming the
 * field as the body's other refusals do.
 */
export function checkedTraceCode(given: GivenTraceCode | undefined): TraceCode | null {
  if (given === undefined) return null;
  const problem = traceCodeProblem(given.scheme, given.code);
  if (problem)
    throw new DomainError('invalid_trace_code', `trace_code: ${problem}`, {
      errors: [{ field: 'trace_code', message: problem }],
    });
  return { scheme: given.scheme as TraceScheme, code: given.code };
}

/** The trace code of a complaint as every party's view shows it; null when it names none. */
export const traceCodeOf = (row: Pick<ComplaintRow, 'trace_scheme' | 'trace_code'>): TraceCode | null =>
  row.trace_scheme === null || row.trace_code === null
    ? null
    : { scheme: row.trace_scheme, code: row.trace_code };
