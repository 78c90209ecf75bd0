import { v7 as uuidv7 } from 'uuid';
import { FeedbackVault } from './feedback-vault';

const SECRET = 'a-test-secret-that-is-at-least-32-chars';

describe('feedback vault', () => {
  const vault = new FeedbackVault(SECRET);

  it('opens what it sealed, whatever the comment', () => {
    for (const content of [
      { rating: 5, comment: 'On repart moins stressé.', quoteConsent: true },
      { rating: 1, comment: null, quoteConsent: false },
      { rating: 3, comment: '😀 é'.repeat(500), quoteConsent: false },
    ]) {
      expect(vault.open(vault.seal(content))).toEqual(content);
    }
  });

  it('seals every feedback to the same size, so a long comment is not told from a rating alone', () => {
    const short = vault.seal({ rating: 4, comment: null, quoteConsent: false });
    const long = vault.seal({ rating: 4, comment: 'x'.repeat(2000), quoteConsent: true });
    expect(short.length).toBe(long.length);
    expect(short.equals(vault.seal({ rating: 4, comment: null, quoteConsent: false }))).toBe(false);
  });

  it('refuses what another secret sealed, or an altered seal', () => {
    const sealed = vault.seal({ rating: 4, comment: 'Merci', quoteConsent: false });
    expect(() => new FeedbackVault('another-secret-that-is-at-least-32-chars').open(sealed)).toThrow();
    const altered = Buffer.from(sealed);
    altered[20] ^= 1;
    expect(() => vault.open(altered)).toThrow();
  });

  it('marks a registration the same way each time, differently for another, without showing its id', () => {
    const tenantId = uuidv7();
    const registrationId = uuidv7();
    const mark = vault.givenMark(tenantId, registrationId);

    expect(vault.givenMark(tenantId, registrationId).equals(mark)).toBe(true);
    expect(vault.givenMark(tenantId, uuidv7()).equals(mark)).toBe(false);
    expect(mark.toString('hex')).not.toContain(registrationId.replace(/-/g, '').slice(0, 8));
  });
});
