import type { Registration } from '../api/sessions';
import { cancellationMessage, nextInLine, notifySentence, peopleToNotify } from './impact';

const person = (id: string, status: Registration['status'], waitlistPosition?: number): Registration => ({
  id,
  sessionId: 's',
  participantId: id,
  firstName: id,
  lastName: 'Test',
  profession: 'infirmier',
  status,
  waitlistPosition,
  createdAt: '2027-01-01T00:00:00Z',
  statusChangedAt: '2027-01-01T00:00:00Z',
});

describe('what a change will tell participants', () => {
  const list = [
    person('Anne', 'confirmed'),
    person('Paul', 'waitlisted', 2),
    person('Léa', 'waitlisted', 1),
    person('Zoé', 'cancelled'),
    person('Max', 'offered'),
  ];

  it('counts everyone holding or waiting for a place', () => {
    expect(peopleToNotify(list)).toBe(4);
    expect(notifySentence(12)).toBe('12 personnes seront prévenues par e-mail.');
    expect(notifySentence(1)).toBe('1 personne sera prévenue par e-mail.');
    expect(notifySentence(0)).toMatch(/aucun message/);
  });

  it('names the first of the waitlist as the one offered a freed place', () => {
    expect(nextInLine(list)?.firstName).toBe('Léa');
    expect(cancellationMessage(list[0], list)).toEqual([
      'Anne Test recevra un e-mail confirmant l’annulation.',
      'Léa Test, première sur la liste d’attente, recevra une proposition de place à accepter sous 24 h.',
    ]);
    expect(cancellationMessage(list[1], list)).toHaveLength(1);
  });
});
