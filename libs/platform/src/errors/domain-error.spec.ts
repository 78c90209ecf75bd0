import { DomainError, fixedDomainError } from './domain-error';

class SessionGoneError extends fixedDomainError('session_gone', 'Cette séance n’existe plus.', 410) {}

describe('fixedDomainError', () => {
  it('makes a DomainError that always says the same, named after its class', () => {
    const error = new SessionGoneError();
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toBeInstanceOf(SessionGoneError);
    expect(error.name).toBe('SessionGoneError');
    expect([error.code, error.message, error.status, error.details]).toEqual([
      'session_gone',
      'Cette séance n’existe plus.',
      410,
      undefined,
    ]);
  });
});
