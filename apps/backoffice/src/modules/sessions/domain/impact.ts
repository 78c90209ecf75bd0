import type { Registration } from '../api/sessions';

/** The people a change to a session reaches: everyone holding or waiting for a place. */
export function peopleToNotify(registrations: readonly Registration[]): number {
  return registrations.filter((r) => ['confirmed', 'offered', 'waitlisted'].includes(r.status)).length;
}

/** "12 personnes seront prévenues" / "Personne n’est inscrit : aucun message ne partira". */
export function notifySentence(count: number): string {
  if (count === 0) return 'Personne n’est inscrit : aucun message ne partira.';
  return count === 1
    ? '1 personne sera prévenue par e-mail.'
    : `${count} personnes seront prévenues par e-mail.`;
}

/** Who gets the freed place when a seat holder is cancelled: the first of the waitlist, if any. */
export function nextInLine(registrations: readonly Registration[]): Registration | null {
  return (
    registrations
      .filter((r) => r.status === 'waitlisted')
      .sort((a, b) => (a.waitlistPosition ?? Infinity) - (b.waitlistPosition ?? Infinity))[0] ?? null
  );
}

export function holdsSeat(registration: Registration): boolean {
  return registration.status === 'confirmed' || registration.status === 'offered';
}

/** What the participants will be told when a coordinator cancels one registration. */
export function cancellationMessage(
  target: Registration,
  registrations: readonly Registration[],
  offerTtlHours = 24,
): string[] {
  const lines = [`${target.firstName} ${target.lastName} recevra un e-mail confirmant l’annulation.`];
  const next = holdsSeat(target) ? nextInLine(registrations) : null;
  if (next) {
    lines.push(
      `${next.firstName} ${next.lastName}, première sur la liste d’attente, recevra une proposition de place à accepter sous ${offerTtlHours} h.`,
    );
  }
  return lines;
}
