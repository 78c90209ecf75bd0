import { audience, frenchTime, longDate, longDateTime, monthName, price } from './french';

describe('French wording of dates, times, prices and audiences', () => {
  it('writes dates and times as people read them', () => {
    expect(longDate('2027-01-21')).toBe('jeudi 21 janvier 2027');
    expect(frenchTime('18:30')).toBe('18h30');
    expect(frenchTime('09:00')).toBe('9h00');
    expect(monthName('2027-03')).toBe('mars 2027');
    expect(longDateTime('2027-01-20T17:30:00.000Z', 'Europe/Paris')).toBe('mercredi 20 janvier 2027 à 18h30');
  });

  it('says free or the price in euros', () => {
    expect(price(0)).toBe('Gratuit');
    expect(price(500)).toBe('5,00\u00a0€');
  });

  it('names who a session is for', () => {
    expect(audience([])).toBe('Pour tous les professionnels de santé');
    expect(audience(['infirmier'])).toBe('Pour les infirmiers');
    expect(audience(['medecin', 'infirmier', 'sage-femme'])).toBe(
      'Pour les médecins, les infirmiers et les sages-femmes',
    );
    expect(audience([], ['liberal'])).toBe('Pour tous les professionnels de santé — libéraux uniquement');
    expect(audience(['infirmier'], ['liberal', 'salarie', 'mixte', 'etudiant'])).toBe(
      "Pour les infirmiers — tous modes d'exercice, étudiants bienvenus",
    );
  });
});
