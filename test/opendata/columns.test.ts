import { describe, expect, test } from 'vitest';
import {
  type Column,
  OpenDataError,
  checkColumns,
  checkRow,
  epochDay,
  isCalendarDate,
} from '../../src/opendata/columns.ts';

const col = (type: Column['type'], nullable?: boolean): Column[] => [{ name: 'c', type, nullable }];

describe('checkRow', () => {
  test.each([
    ['string', '中文', '中文'],
    ['int64', 42, 42n],
    ['int64', -(2n ** 63n), -(2n ** 63n)],
    ['double', -0, 0],
    ['double', 1.5, 1.5],
    ['boolean', 1, true],
    ['boolean', 0, false],
    ['boolean', false, false],
    ['date', '2024-02-29', '2024-02-29'],
    ['string', null, null],
    ['date', undefined, null],
  ] as const)('takes a %s cell %s as %s', (type, cell, value) => {
    expect(checkRow(col(type), [cell], 1)).toEqual([value]);
  });

  test.each([
    ['string', 42, 'number where text is expected'],
    ['string', 'a\ud800b', 'text with a lone UTF-16 surrogate'],
    ['int64', 2 ** 53, 'is not an integer that a number holds exactly'],
    ['int64', 1.5, 'is not an integer that a number holds exactly'],
    ['int64', 2n ** 63n, 'does not fit in 64 bits'],
    ['int64', '1', 'string where an integer is expected'],
    ['double', Number.NaN, 'NaN is not a finite number'],
    ['double', Infinity, 'Infinity is not a finite number'],
    ['double', 1n, 'bigint where a number is expected'],
    ['boolean', 2, '2 is not true, false, 0 or 1'],
    ['boolean', 'true', '"true" is not true, false, 0 or 1'],
    ['date', '2026-02-29', 'is not a YYYY-MM-DD day'],
    ['date', '2026-1-05', 'is not a YYYY-MM-DD day'],
    ['date', '2026-10-01T00:00:00Z', 'is not a YYYY-MM-DD day'],
  ] as const)('refuses a %s cell %s', (type, cell, message) => {
    expect(() => checkRow(col(type), [cell], 3)).toThrow(OpenDataError);
    expect(() => checkRow(col(type), [cell], 3)).toThrow(`row 3, column c (${type}): `);
    expect(() => checkRow(col(type), [cell], 3)).toThrow(message);
  });

  test('refuses null where the column is never null, and a row of the wrong length', () => {
    expect(() => checkRow(col('string', false), [null], 1)).toThrow('null in a column that is never null');
    expect(() => checkRow(col('string'), ['a', 'b'], 9)).toThrow(
      'row 9 has 2 cells, the table has 1 columns',
    );
  });
});

describe('checkColumns', () => {
  test('takes unique snake_case names and refuses anything else', () => {
    expect(() => checkColumns([{ name: 'decision_no', type: 'string' }])).not.toThrow();
    expect(() => checkColumns([])).toThrow(/at least one column/);
    expect(() => checkColumns([{ name: 'Decision', type: 'string' }])).toThrow(/not snake_case/);
    expect(() =>
      checkColumns([
        { name: 'a', type: 'int64' },
        { name: 'a', type: 'string' },
      ]),
    ).toThrow(/twice/);
    expect(() => checkColumns([{ name: 'a', type: 'json' as 'string' }])).toThrow(/unknown type/);
  });
});

describe('dates', () => {
  test('are calendar days, counted from 1970-01-01 for Parquet', () => {
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('0000-01-01')).toBe(false);
    expect(epochDay('1970-01-01')).toBe(0);
    expect(epochDay('1969-12-31')).toBe(-1);
    expect(epochDay('2026-10-01')).toBe(Date.UTC(2026, 9, 1) / 86_400_000);
    expect(epochDay('0001-01-01')).toBe(-719_162);
  });
});
