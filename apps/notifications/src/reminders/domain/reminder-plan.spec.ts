import { lateReminderJobId, reminderCauseId, reminderJobId, reminderSlots } from './reminder-plan';

const startsAt = new Date('2026-03-12T18:30:00Z');
const hours = (h: number) => new Date(startsAt.getTime() - h * 3_600_000);

describe('reminder plan', () => {
  it('plans one reminder per offset, the earliest first', () => {
    const slots = reminderSlots({
      startsAt,
      offsetsMinutes: [180, 2880],
      plannedAt: hours(100),
      now: hours(100),
      graceMinutes: 30,
    });
    expect(slots).toEqual([
      { offsetMinutes: 2880, fireAt: hours(48) },
      { offsetMinutes: 180, fireAt: hours(3) },
    ]);
  });

  it('never plans a reminder whose time had passed when the participant registered', () => {
    const slots = reminderSlots({
      startsAt,
      offsetsMinutes: [2880, 180],
      plannedAt: hours(10),
      now: hours(10),
      graceMinutes: 30,
    });
    expect(slots.map((s) => s.offsetMinutes)).toEqual([180]);
    expect(
      reminderSlots({
        startsAt,
        offsetsMinutes: [2880, 180],
        plannedAt: hours(2),
        now: hours(2),
        graceMinutes: 30,
      }),
    ).toEqual([]);
  });

  it('still sends a reminder missed during an outage within the grace, not after', () => {
    const plannedAt = hours(100);
    expect(
      reminderSlots({
        startsAt,
        offsetsMinutes: [180],
        plannedAt,
        now: new Date(hours(3).getTime() + 10 * 60_000),
        graceMinutes: 30,
      }),
    ).toHaveLength(1);
    expect(
      reminderSlots({
        startsAt,
        offsetsMinutes: [180],
        plannedAt,
        now: new Date(hours(3).getTime() + 40 * 60_000),
        graceMinutes: 30,
      }),
    ).toEqual([]);
  });

  it('plans nothing once the session has started', () => {
    expect(
      reminderSlots({
        startsAt,
        offsetsMinutes: [180],
        plannedAt: hours(100),
        now: startsAt,
        graceMinutes: 30,
      }),
    ).toEqual([]);
  });

  it('derives job and cause ids from the registration, the offset and the start', () => {
    expect(reminderJobId('t', 'r', 180, startsAt)).toBe(reminderJobId('t', 'r', 180, new Date(startsAt)));
    expect(reminderJobId('t', 'r', 180, startsAt)).not.toBe(reminderJobId('t', 'r', 180, hours(-24)));
    expect(reminderJobId('t', 'r', 180, startsAt)).not.toContain(':');
    expect(lateReminderJobId('t', 's', 'r', 180, startsAt)).not.toBe(reminderJobId('t', 's', 180, startsAt));
    expect(reminderCauseId('r', 180, startsAt)).toBe(reminderCauseId('r', 180, new Date(startsAt)));
    expect(reminderCauseId('r', 180, startsAt)).not.toBe(reminderCauseId('r', 2880, startsAt));
  });
});
