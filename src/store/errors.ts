/**
 * The store's vocabulary of expected failures: what a domain operation can refuse, by stable code.
 * No HTTP here: the core's table (src/core/errors.ts) gives each code its status.
 */
export const DOMAIN_ERROR_CODES = [
  'INVALID_REQUEST',
  'INVALID_TOKEN',
  'TOO_MANY_ALIASES',
  'ACCOUNT_NOT_FOUND',
  'CUSTOMER_NOT_FOUND',
  // An item of any other collection a description implies (the generic store).
  'RESOURCE_NOT_FOUND',
  'DUPLICATE_ID',
  'STORE_FULL',
  // A store that depends on a backend (Redis) can be unavailable; the in-memory one never is.
  'SERVICE_UNAVAILABLE',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** An expected failure: a stable code and a message that starts with the field it is about. */
export interface DomainError {
  code: DomainErrorCode;
  message: string;
}

/** The spec caps `message` at 500 characters; long user input quoted in a message is cut. */
export const MAX_MESSAGE_LENGTH = 500;

export const capMessage = (message: string): string =>
  message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message;

export function domainError(code: DomainErrorCode, message: string): DomainError {
  return { code, message: capMessage(message) };
}

/**
 * Thrown only where a layer cannot return a value (a backend failing under a store method); the
 * core renders it as its error, any other exception as INTERNAL.
 */
export class DomainException extends Error {
  readonly error: DomainError;
  constructor(error: DomainError) {
    super(error.message);
    this.error = error;
  }
}

export const accountNotFound = (id: string): DomainError =>
  domainError('ACCOUNT_NOT_FOUND', `account_id: no account with id ${id}`);

export const customerNotFound = (field: string, id: string): DomainError =>
  domainError('CUSTOMER_NOT_FOUND', `${field}: no customer with id ${id}`);

export const storeFull = (field: string, max: number, what: string): DomainError =>
  domainError('STORE_FULL', `${field}: the store holds the maximum of ${max} ${what}`);
