import { DateTime } from 'luxon';
import { FieldProblems } from '../../common/invalid-fields.error';
import { LocalSlot } from './session-slot';

export interface SlotPlanRequest {
  /** The first day; the same weekday repeats `weeks` times. */
  firstDate: string;
  weeks: number;
  /** The opening hours each day (local), cut into slots of `slotMinutes`. */
  startTime: string;
  endTime: string;
  slotMinutes: number;
}

/** At most this many slots in one call (a year of weekly half-days in 15-minute slots fits). */
export const MAX_SLOTS = 1000;

/**
 * The local slots of an individual-support schedule, e.g. every Tuesday 14:00–17:00 in
 * 45-minute slots for six weeks: 14:00, 14:45, 15:30, 16:15 on each Tuesday (a remainder shorter
 * than a slot is left free). Local wall-clock times: each day's slots are read in the tenant's
 * zone afterwards, so 14:00 stays 14:00 across a change of daylight saving time.
 */
export function planSlots(request: SlotPlanRequest, problems: FieldProblems): LocalSlot[] {
  const first = DateTime.fromISO(request.firstDate, { zone: 'UTC' });
  if (!first.isValid) {
    problems.add(['firstDate'], `${request.firstDate} n'est pas une date du calendrier`);
    return [];
  }
  const open = minutesOf(request.startTime);
  const close = minutesOf(request.endTime);
  if (close <= open) {
    problems.add(
      ['endTime'],
      `L'heure de fin (${request.endTime}) doit être après l'heure de début (${request.startTime})`,
    );
    return [];
  }
  const perDay = Math.floor((close - open) / request.slotMinutes);
  if (perDay === 0) {
    problems.add(
      ['slotMinutes'],
      `Un créneau de ${request.slotMinutes} minutes ne tient pas entre ${request.startTime} et ${request.endTime}`,
    );
    return [];
  }
  if (perDay * request.weeks > MAX_SLOTS) {
    problems.add(
      ['weeks'],
      `Cela ferait ${perDay * request.weeks} créneaux : ${MAX_SLOTS} au plus en une fois`,
    );
    return [];
  }
  const slots: LocalSlot[] = [];
  for (let week = 0; week < request.weeks; week++) {
    const date = first.plus({ weeks: week }).toISODate()!;
    for (let n = 0; n < perDay; n++) {
      const start = open + n * request.slotMinutes;
      slots.push({ date, startTime: timeOf(start), endTime: timeOf(start + request.slotMinutes) });
    }
  }
  return slots;
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
