import { OwnPage, OwnRegistration } from '../../upstream/registration.client';
import { myRegistrationsView } from './my-registrations-view';
import { parseAccessRequest, parseOwnDetails } from './own-details-form';

const session: OwnRegistration['session'] = {
  id: 's1',
  title: 'Cardio boxing',
  confidential: false,
  status: 'published',
  startsAt: '2027-01-28T17:30:00.000Z',
  endsAt: '2027-01-28T18:30:00.000Z',
  timezone: 'Europe/Paris',
  venue: { name: 'Association Le Don du Souffle', address: 'Besançon' },
};
const link = (action: string, id: string) =>
  `https://respire.example.org/inscriptions/${id}/${action}?token=t-${action}`;

function page(registrations: OwnRegistration[]): OwnPage {
  return {
    tenantSlug: 'capacites-besancon',
    expiresAt: '2027-01-13T09:00:00.000Z',
    participant: {
      email: 'ines@example.org',
      firstName: 'Inès',
      lastName: 'Durand',
      profession: 'sage-femme',
      practiceMode: 'mixte',
      postcode: '25000',
    },
    registrations,
  };
}

describe('the "my registrations" page', () => {
  it('says where the person stands on each date and links each to the page that acts on it, on this origin', () => {
    const view = myRegistrationsView(
      page([
        { id: 'r1', status: 'confirmed', session, links: { cancel: link('annuler', 'r1') } },
        {
          id: 'r2',
          status: 'waitlisted',
          waitlistPosition: 2,
          session,
          links: { cancel: link('annuler', 'r2') },
        },
        {
          id: 'r3',
          status: 'offered',
          offerExpiresAt: '2027-01-20T17:00:00.000Z',
          session,
          links: {
            cancel: link('annuler', 'r3'),
            accept: link('accepter', 'r3'),
            decline: link('decliner', 'r3'),
          },
        },
      ]),
      'Europe/Paris',
    );
    expect(
      view.registrations.map((r) => [r.title, r.when, r.status, r.actions.map((a) => `${a.label} ${a.url}`)]),
    ).toEqual([
      [
        'Cardio boxing',
        'Jeudi 28 janvier 2027 à 18h30',
        'Inscription confirmée',
        ['Annuler mon inscription /inscriptions/r1/annuler?token=t-annuler'],
      ],
      [
        'Cardio boxing',
        'Jeudi 28 janvier 2027 à 18h30',
        'Liste d’attente : vous êtes n° 2',
        ['Quitter la liste d’attente /inscriptions/r2/annuler?token=t-annuler'],
      ],
      [
        'Cardio boxing',
        'Jeudi 28 janvier 2027 à 18h30',
        'Une place vous est réservée jusqu’au mercredi 20 janvier 2027 à 18h00',
        [
          'Accepter la place /inscriptions/r3/accepter?token=t-accepter',
          'Décliner la place /inscriptions/r3/decliner?token=t-decliner',
        ],
      ],
    ]);
    expect(view.linkExpires).toBe('mercredi 13 janvier 2027 à 10h00');
  });

  it('does not name a confidential session, and shows the details in words', () => {
    const view = myRegistrationsView(
      page([
        {
          id: 'r1',
          status: 'confirmed',
          session: { ...session, confidential: true },
          links: { cancel: link('annuler', 'r1') },
        },
      ]),
      'Europe/Paris',
    );
    expect(view.registrations[0].title).toBeNull();
    expect(view.details).toEqual([
      { label: 'Prénom', value: 'Inès' },
      { label: 'Nom', value: 'Durand' },
      { label: 'Profession', value: 'Sage-femme' },
      { label: 'Mode d’exercice', value: 'Mixte (libéral et salarié)' },
      { label: 'Code postal d’exercice', value: '25000' },
      { label: 'Adresse e-mail', value: 'ines@example.org' },
    ]);
  });
});

describe('the forms of "my registrations"', () => {
  it('check the details as the registration form does, in its order, keeping what was typed', () => {
    expect(
      parseOwnDetails({
        firstName: ' Inès ',
        lastName: 'Durand',
        profession: 'sage-femme',
        practiceMode: 'mixte',
        postcode: '25000',
      }),
    ).toEqual({
      ok: true,
      values: {
        firstName: 'Inès',
        lastName: 'Durand',
        profession: 'sage-femme',
        practiceMode: 'mixte',
        postcode: '25000',
      },
    });
    const refused = parseOwnDetails({
      firstName: '',
      lastName: 'Durand',
      profession: 'astronaute',
      postcode: '2500',
    });
    expect(refused).toMatchObject({
      ok: false,
      values: { lastName: 'Durand', postcode: '2500' },
      errors: [
        { field: 'firstName', message: 'Saisissez votre prénom' },
        { field: 'profession', message: 'Choisissez votre profession' },
        { field: 'practiceMode', message: 'Choisissez votre mode d’exercice' },
        { field: 'postcode', message: 'Le code postal doit comporter 5 chiffres, par exemple 25000' },
      ],
    });
  });

  it('read one address, normalised, or say what is wrong with it', () => {
    expect(parseAccessRequest({ email: ' Ines@Example.org ' })).toEqual({
      ok: true,
      email: 'ines@example.org',
    });
    expect(parseAccessRequest({ email: 'ines@' })).toMatchObject({
      ok: false,
      typed: 'ines@',
      errors: [{ field: 'email' }],
    });
    expect(parseAccessRequest({})).toMatchObject({
      ok: false,
      errors: [{ message: 'Saisissez votre adresse e-mail' }],
    });
  });
});
