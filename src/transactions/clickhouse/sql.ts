/**
 * Values written into ClickHouse SQL as literals. Server-side query parameters (`{name:Type}` with
 * `param_name` in the URL) do not exist in 18.16, Debian's release: it answers `Code: 115 Unknown setting
 * param_name` (docs/notes/clickhouse-18.16.md). So the gateway writes values into the text itself, and
 * this is the one place that does it.
 *
 * A ClickHouse string literal is single-quoted with backslash escapes; every other byte (newlines, NUL,
 * any UTF-8) may stand in it as it is. Escaping `\` and `'` is therefore all that keeps a value a value.
 */

export type SqlValue = string | number | bigint | boolean | null | readonly SqlValue[];

/** The SQL literal for `value`: a quoted string, a number, NULL, or an array of these. */
export function quote(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return String(value);
  }
  return `[${value.map(quote).join(', ')}]`;
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*):([^{}]+)\}/g;

/**
 * Writes `params` into the `{name:Type}` placeholders of `sql`, the syntax of current servers' query
 * parameters, so that a query reads the same either way and can move to server-side parameters once
 * 18.16 is gone. The type is checked against the value's JavaScript type (a string for String, a number
 * or bigint for the integer types...), not converted: a mismatch is a bug in the caller.
 */
export function bindParams(sql: string, params: Record<string, SqlValue>): string {
  return sql.replace(PLACEHOLDER, (_, name: string, type: string) => {
    if (!(name in params)) throw new Error(`no value for the query parameter {${name}:${type}}`);
    const value = params[name]!;
    checkType(name, type.trim(), value);
    return quote(value);
  });
}

function checkType(name: string, type: string, value: SqlValue): void {
  const nullable = /^Nullable\((.*)\)$/.exec(type);
  if (nullable) {
    if (value !== null) checkType(name, nullable[1]!, value);
    return;
  }
  const array = /^Array\((.*)\)$/.exec(type);
  if (array) {
    if (!Array.isArray(value)) throw new TypeError(`{${name}:${type}} needs an array`);
    for (const item of value as SqlValue[]) checkType(name, array[1]!, item);
    return;
  }
  const fit = fits(type, value);
  if (fit === null) throw new TypeError(`{${name}:${type}}: a parameter type this module does not write`);
  if (!fit) throw new TypeError(`{${name}:${type}} cannot take ${JSON.stringify(String(value))}`);
}

/** Whether `value` is of the JavaScript kind `type` takes; null for a type not handled here. */
function fits(type: string, value: SqlValue): boolean | null {
  if (/^U?Int\d+$/.test(type)) {
    // A safe integer, so that String(value) is its digits (1e21 would be written as a Float64).
    const boolean = type === 'UInt8' && typeof value === 'boolean';
    return Number.isSafeInteger(value) || typeof value === 'bigint' || boolean;
  }
  if (/^(Float\d+|Decimal)/.test(type)) return typeof value === 'number';
  if (/^(String|FixedString\(\d+\)|Date|DateTime|UUID)$/.test(type)) return typeof value === 'string';
  return null;
}
