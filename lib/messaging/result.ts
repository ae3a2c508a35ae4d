// The reply shape of every message: errors cross context boundaries as values, never as thrown exceptions.

export type ErrorCode =
  | 'not-a-message'
  | 'unknown-message'
  | 'forbidden'
  | 'invalid-payload'
  | 'refused'
  | 'internal'
  | 'unreachable'
  | 'not-found'
  | 'storage'
  | 'conflict';

export interface LensError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: LensError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

export function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  return value.ok === false && 'error' in value && typeof value.error === 'object' && value.error !== null;
}
