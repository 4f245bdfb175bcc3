/**
 * Product trace codes as order items carry them (issue 23, docs/trace-codes.md): a scheme and a code.
 * What each scheme's codes look like, and the checks that can be made on a code alone.
 */

export const TRACE_SCHEMES = ['drug', 'gs1', 'other'] as const;
export type TraceScheme = (typeof TRACE_SCHEMES)[number];

/** The longest code any scheme takes (a GS1 element string with a serial). */
export const MAX_TRACE_CODE = 64;

const DRUG = /^\d{20}$/;
const GTIN = /^(\d{8}|\d{12}|\d{13}|\d{14})$/;
// GS1 element string, human-readable: (01) GTIN-14, then optionally (21) a serial of 1-20 characters of
// GS1's AI encodable character set 82 (General Specifications 7.11, figure 7.11-1).
const ELEMENT_STRING = /^\(01\)(\d{14})(?:\(21\)([!"%-?A-Z_a-z]{1,20}))?$/;
const OTHER = /^[A-Za-z0-9-]{8,64}$/;

/**
 * The GS1 check digit of `digits` (the identifier without its last digit): from the right, the digits
 * weighted 3, 1, 3, 1... and summed; the check digit takes the sum up to a multiple of ten (General
 * Specifications 7.9.1). The same for GTIN-8, -12, -13 and -14.
 */
export function gs1CheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

const gtinValid = (gtin: string) => gs1CheckDigit(gtin.slice(0, -1)) === Number(gtin.at(-1));

/** Why `code` is not a code of `scheme`; undefined when it is one. */
export function traceCodeProblem(scheme: string, code: string): string | undefined {
  switch (scheme) {
    case 'drug':
      return DRUG.test(code) ? undefined : 'a drug trace code is 20 digits';
    case 'gs1': {
      // A trace code names one unit: a GTIN alone names a product, sold many times over.
      if (GTIN.test(code))
        return gtinValid(code)
          ? 'a GTIN alone names a product, not one unit: send (01), the GTIN-14 and (21) with the unit’s serial'
          : `the GTIN ${code} does not end with its check digit`;
      const unit = ELEMENT_STRING.exec(code);
      if (!unit) return 'a gs1 code is (01) and a GTIN-14, then (21) and the unit’s serial';
      if (!gtinValid(unit[1]!)) return `the GTIN ${unit[1]} does not end with its check digit`;
      return unit[2] === undefined ? 'a gs1 code names the unit: add (21) and its serial' : undefined;
    }
    case 'other':
      return OTHER.test(code) ? undefined : 'an other code is 8 to 64 of A-Z, a-z, 0-9 and -';
    default:
      return `scheme must be one of ${TRACE_SCHEMES.join(', ')}`;
  }
}
