import { LinkedRegistration } from '../upstream/registration.client';
import { actionOfPage, linkedSessionView, linkPageText } from './link-pages';

function registration(overrides: Partial<LinkedRegistration> = {}): LinkedRegistration {
  return {
    id: 'r1',
    status: 'confirmed',
    tenantSlug: 'capacites-besancon',
    feedbackGiven: false,
    session: {
      id: 's1',
      title: 'Gestion des Émotions',
      confidential: false,
      status: 'published',
      startsAt: '2099-01-18T17:00:00.000Z',
      endsAt: '2099-01-18T18:00:00.000Z',
      timezone: 'Europe/Paris',
      venue: { name: 'Association Le Don du Souffle', address: 'Besançon' },
    },
    ...overrides,
  };
}

describe('participant link pages', () => {
  it('read their action from the French path segment', () => {
    expect(actionOfPage('annuler')).toBe('cancel');
    expect(actionOfPage('accepter')).toBe('accept');
    expect(actionOfPage('cancel')).toBeNull();
  });

  it('offer the button only while the action is possible', () => {
    expect(linkPageText('cancel', registration()).button).toBe('Annuler mon inscription');
    expect(linkPageText('cancel', registration({ status: 'waitlisted', waitlistPosition: 2 }))).toMatchObject(
      {
        button: 'Quitter la liste d’attente',
        paragraphs: [expect.stringContaining('n° 2')],
      },
    );
    expect(linkPageText('cancel', registration({ status: 'cancelled' })).button).toBeNull();
    expect(
      linkPageText('accept', registration({ status: 'offered', offerExpiresAt: '2099-01-17T17:00:00.000Z' })),
    ).toMatchObject({
      button: 'J’accepte la place',
      paragraphs: [expect.stringContaining('à 18h00')],
    });
    expect(linkPageText('accept', registration({ status: 'expired' })).button).toBeNull();
    expect(linkPageText('feedback', registration({ status: 'attended' })).button).toBe('Envoyer mon avis');
    expect(
      linkPageText('feedback', registration({ status: 'attended', feedbackGiven: true })).button,
    ).toBeNull();
  });

  it('do not name a confidential session', () => {
    const confidential = registration();
    confidential.session.confidential = true;
    expect(linkedSessionView(confidential)).toMatchObject({
      title: null,
      when: expect.stringMatching(/^Dimanche 18 janvier 2099 à 18h00$/),
    });
  });
});
