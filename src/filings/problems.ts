import type { z } from '@hono/zod-openapi';
import { forbiddenCharacter, type TextKind } from '../lib/text.ts';
import type { RecordProblem } from './sources.ts';

export interface FieldProblem extends RecordProblem {
  field: string;
}

export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A record without its null and blank members, also inside nested objects (an order's items):
 * "not given" has no other spelling in CSV, and platforms' exporters write null for it.
 */
function hasAbsent(value: Record<string, unknown>): boolean {
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const v = value[key];
    if (isAbsent(v)) return true;
    if (isPlainObject(v) && hasAbsent(v)) return true;
    if (Array.isArray(v) && v.some((item) => isPlainObject(item) && hasAbsent(item))) return true;
  }
  return false;
}

export function withoutAbsent(raw: Record<string, unknown>): Record<string, unknown> {
  // Most records carry no null or blank member: they pass as they are, without a copy.
  if (!hasAbsent(raw)) return raw;
  // fromEntries defines own properties, so a "__proto__" member stays a member (and an unknown field).
  return Object.fromEntries(
    Object.entries(raw)
      .filter(([, v]) => !isAbsent(v))
      .map(([k, v]) => [
        k,
        isPlainObject(v)
          ? withoutAbsent(v)
          : Array.isArray(v)
            ? v.map((item) => (isPlainObject(item) ? withoutAbsent(item) : item))
            : v,
      ]),
  );
}

function valueAt(record: Record<string, unknown>, path: readonly PropertyKey[]): unknown {
  let value: unknown = record;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  return value;
}

/**
 * Turns zod's issues into the stable record error codes. Custom checks carry their code in
 * `params.code`; messages name the field, never the value (it may be personal data).
 */
export function problemsOf(
  issues: readonly z.core.$ZodIssue[],
  record: Record<string, unknown>,
  what: string,
  /** Codes for zod's own issues on given fields, as "field:zod_code" → code (e.g. "items:too_small"). */
  codes: Record<string, string> = {},
): FieldProblem[] {
  return issues.flatMap((issue): FieldProblem[] => {
    const field = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: field ? `${field}.${key}` : key,
        code: 'unknown_field',
        message: `${field ? `${field}.${key}` : key} is not a field of ${what}`,
      }));
    }
    const customCode = (issue as { params?: { code?: string } }).params?.code;
    if (issue.code === 'custom' || customCode) {
      const code = customCode ?? 'invalid_value';
      return [{ field, code, message: `${field} ${issue.message}` }];
    }
    if (isAbsent(valueAt(record, issue.path))) {
      return [{ field, code: 'missing_field', message: `${field} is required` }];
    }
    const override = codes[`${field}:${issue.code}`];
    if (override) return [{ field, code: override, message: `${field} ${issue.message}` }];
    switch (issue.code) {
      case 'invalid_type':
        return [
          {
            field,
            code: 'invalid_type',
            message: `${field} must be a${/^[aeiou]/.test(issue.expected) ? 'n' : ''} ${issue.expected}`,
          },
        ];
      case 'invalid_value':
        return [
          { field, code: 'invalid_enum', message: `${field} must be one of ${issue.values.join(', ')}` },
        ];
      case 'too_big':
        if (issue.origin === 'string') {
          return [
            { field, code: 'too_long', message: `${field} is longer than ${issue.maximum} characters` },
          ];
        }
        return [
          {
            field,
            code: 'too_large',
            message: `${field} must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`,
          },
        ];
      case 'too_small':
        return [
          {
            field,
            code: 'too_small',
            message: `${field} must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}`,
          },
        ];
      case 'invalid_format':
        return [{ field, code: 'invalid_format', message: `${field} ${issue.message}` }];
      default:
        return [{ field, code: 'invalid_value', message: `${field} is not valid` }];
    }
  });
}

/**
 * A zod refinement that refuses control characters and lone surrogates (control_character): none in a
 * name, none but tab, line feed and carriage return in free text (see src/lib/text.ts). Put it after
 * .trim(), so that white space around a value is still trimmed rather than refused.
 */
export function withoutControlCharacters(kind: TextKind = 'name') {
  return (value: string, ctx: z.RefinementCtx) => {
    const found = forbiddenCharacter(value, kind);
    if (found) {
      ctx.addIssue({
        code: 'custom',
        message: `holds a control character (${found}); remove it`,
        params: { code: 'control_character' },
      });
    }
  };
}

/**
 * A record's problems, at most one per field (the first found: a value that is not a string need not
 * also hear that it is too long, and a later check may depend on an earlier one), in the order of the
 * record's fields as the schema lists them, and for a list of objects (an order's items) by position, then
 * by the item's field order. Unknown fields come after the known ones, in the order they were found.
 */
export function oneProblemPerField(
  problems: readonly FieldProblem[],
  fields: readonly string[],
  itemFields: Readonly<Record<string, readonly string[]>> = {},
): FieldProblem[] {
  const seen = new Set<string>();
  const kept = problems.filter((p) => !seen.has(p.field) && seen.add(p.field));
  if (kept.length < 2) return kept;
  const rank = (list: readonly string[], name: string | undefined) => {
    const at = name === undefined ? -1 : list.indexOf(name);
    return at < 0 ? list.length : at;
  };
  const key = (field: string): number[] => {
    const [top, index, inner] = field.split('.');
    const nested = top === undefined ? undefined : itemFields[top];
    if (!nested || index === undefined) return [rank(fields, top), -1, -1];
    return [rank(fields, top), Number(index), inner === undefined ? -1 : rank(nested, inner)];
  };
  const keys = new Map(kept.map((p) => [p, key(p.field)]));
  // Array.prototype.sort is stable: problems of equal rank (unknown fields) keep the order they were found in.
  return kept.sort((a, b) => {
    const [x, y] = [keys.get(a)!, keys.get(b)!];
    return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
  });
}
