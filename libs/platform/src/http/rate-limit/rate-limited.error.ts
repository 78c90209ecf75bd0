import { DomainError } from '../../errors/domain-error';

/** 429, in the words a participant reads. */
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'rate_limited',
      `Trop de demandes en peu de temps. Merci de réessayer dans ${retryAfterSeconds} seconde${retryAfterSeconds > 1 ? 's' : ''}.`,
      429,
      { retryAfterSeconds },
    );
  }
}
