import { FieldProblems } from '../../common/invalid-fields.error';
import { localToInstant } from './local-time';

/** A session as a coordinator writes it: a local date, a start and an end time on that day. */
export interface LocalSlot {
  date: string;
  startTime: string;
  endTime: string;
}

export interface Instants {
  startsAt: Date;
  endsAt: Date;
}

export interface SlotPaths {
  date: (string | number)[];
  startTime: (string | number)[];
  endTime: (string | number)[];
}

export const DEFAULT_SLOT_PATHS: SlotPaths = {
  date: ['date'],
  startTime: ['startTime'],
  endTime: ['endTime'],
};

/**
 * The instants of a local slot in the tenant's zone, or the problems found, each at its field:
 * a date that does not exist (2026-02-30), a time skipped by the clocks going forward, an end
 * that is not after the start. A session ends on the day it starts.
 */
export function resolveSlot(
  slot: LocalSlot,
  zone: string,
  problems: FieldProblems,
  paths: SlotPaths = DEFAULT_SLOT_PATHS,
): Instants | null {
  const start = localToInstant(slot.date, slot.startTime, zone);
  const end = localToInstant(slot.date, slot.endTime, zone);
  let ok = true;
  if (!start.ok && start.reason === 'invalid-date') {
    problems.add(paths.date, `${slot.date} n'est pas une date du calendrier`);
    return null;
  }
  if (!start.ok) {
    problems.add(
      paths.startTime,
      `${slot.startTime} n'existe pas le ${slot.date} (${zone}) : les horloges avancent d'une heure`,
    );
    ok = false;
  }
  if (!end.ok) {
    problems.add(
      paths.endTime,
      `${slot.endTime} n'existe pas le ${slot.date} (${zone}) : les horloges avancent d'une heure`,
    );
    ok = false;
  }
  if (!ok || !start.ok || !end.ok) return null;
  if (end.instant.getTime() <= start.instant.getTime()) {
    problems.add(
      paths.endTime,
      `L'heure de fin (${slot.endTime}) doit être après l'heure de début (${slot.startTime})`,
    );
    return null;
  }
  return { startsAt: start.instant, endsAt: end.instant };
}
