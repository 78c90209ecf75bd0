import { FieldProblems } from '../../common/invalid-fields.error';
import { planSlots } from './slot-plan';

describe('planSlots', () => {
  it('cuts every Tuesday 14:00–17:00 into 45-minute slots for six weeks', () => {
    const problems = new FieldProblems();
    const slots = planSlots(
      { firstDate: '2027-03-09', weeks: 6, startTime: '14:00', endTime: '17:00', slotMinutes: 45 },
      problems,
    );
    expect(() => problems.throwIfAny()).not.toThrow();
    expect(slots).toHaveLength(24);
    expect(slots.slice(0, 4)).toEqual([
      { date: '2027-03-09', startTime: '14:00', endTime: '14:45' },
      { date: '2027-03-09', startTime: '14:45', endTime: '15:30' },
      { date: '2027-03-09', startTime: '15:30', endTime: '16:15' },
      { date: '2027-03-09', startTime: '16:15', endTime: '17:00' },
    ]);
    // Across the change to summer time (28 March 2027) the wall-clock times stay the same.
    expect([...new Set(slots.map((s) => s.date))]).toEqual([
      '2027-03-09',
      '2027-03-16',
      '2027-03-23',
      '2027-03-30',
      '2027-04-06',
      '2027-04-13',
    ]);
    expect(slots.filter((s) => s.date === '2027-03-30')[0]).toEqual({
      date: '2027-03-30',
      startTime: '14:00',
      endTime: '14:45',
    });
  });

  it('leaves a remainder shorter than a slot free', () => {
    const slots = planSlots(
      { firstDate: '2027-01-05', weeks: 1, startTime: '09:00', endTime: '10:00', slotMinutes: 40 },
      new FieldProblems(),
    );
    expect(slots).toEqual([{ date: '2027-01-05', startTime: '09:00', endTime: '09:40' }]);
  });

  it('says in French what is wrong', () => {
    const problems = new FieldProblems();
    planSlots(
      { firstDate: '2027-01-05', weeks: 1, startTime: '09:00', endTime: '09:30', slotMinutes: 45 },
      problems,
    );
    expect(() => problems.throwIfAny()).toThrow('Un créneau de 45 minutes ne tient pas entre 09:00 et 09:30');
  });
});
