import { DomainError } from '../errors.ts';
import type { Receipt } from './receipt.ts';

export interface FilingOutcome {
  receipt: Receipt;
  replayed: boolean;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function checkIdempotencyKey(header: string | undefined): string | null {
  if (header === undefined) return null;
  if (!IDEMPOTENCY_KEY.test(header)) {
    throw new DomainError('invalid_parameter', 'Idempotency-Key must be 1-255 visible ASCII characters', {
      parameter: 'Idempotency-Key',
    });
  }
  return header;
}
