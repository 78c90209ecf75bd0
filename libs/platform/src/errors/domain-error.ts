export type DomainErrorStatus = 400 | 403 | 404 | 409 | 410 | 422 | 429;

/**
 * A rule of the domain said no. Subclass it per case (`SessionFullError`, …); the HTTP filter
 * turns it into `{error: code, message, details?}` with `status`. Plain TypeScript: no Nest here.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: DomainErrorStatus,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The base of a DomainError that always says the same thing:
 * `export class SessionNotFoundError extends fixedDomainError('session_not_found', 'Cette séance est introuvable.', 404) {}`.
 */
export function fixedDomainError(code: string, message: string, status: DomainErrorStatus) {
  return class extends DomainError {
    constructor() {
      super(code, message, status);
    }
  };
}
