import { maskEmail, maskEmails, maskEmailsDeep } from './mask-email';

describe('maskEmail', () => {
  it('keeps the first letter and the domain', () => {
    expect(maskEmail('jeanne.martin@example.org')).toBe('j***@example.org');
  });

  it('hides anything that is not an address', () => {
    expect(maskEmail('not-an-email')).toBe('***');
    expect(maskEmail('@example.org')).toBe('***');
  });
});

describe('maskEmails', () => {
  it('masks every address in a text', () => {
    expect(maskEmails('sent to jeanne@example.org and p.durand@cpts-nord.fr')).toBe(
      'sent to j***@example.org and p***@cpts-nord.fr',
    );
  });

  it('masks strings inside objects and arrays', () => {
    expect(maskEmailsDeep({ to: ['a.b@example.org'], attempt: 2, nested: { cc: 'c@example.org' } })).toEqual({
      to: ['a***@example.org'],
      attempt: 2,
      nested: { cc: 'c***@example.org' },
    });
  });
});
