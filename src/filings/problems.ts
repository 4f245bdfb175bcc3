import type { z } from '@hono/zod-openapi';
import type { RecordProblem } from './sources.ts';

export interface FieldProblem extends RecordProblem {
  field: string;
}

export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A record without its null and blank members: "not given" has no other spelling in CSV. */
export function withoutAbsent(raw: Record<string, unknown>): Record<string, unknown> {
  // fromEntries defines own properties, so a "__proto__" member stays a member (and an unknown field).
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => !isAbsent(v)));
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
        return [{ field, code: 'too_long', message: `${field} is longer than ${issue.maximum}` }];
      case 'too_small':
        return [{ field, code: 'too_small', message: `${field} must be at least ${issue.minimum}` }];
      case 'invalid_format':
        return [{ field, code: 'invalid_format', message: `${field} ${issue.message}` }];
      default:
        return [{ field, code: 'invalid_value', message: `${field} is not valid` }];
    }
  });
}
