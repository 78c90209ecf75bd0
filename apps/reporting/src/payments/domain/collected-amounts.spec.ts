import { AmountCell, collectedAmounts } from './collected-amounts';

const cell = (
  activityId: string,
  programmeId: string | null,
  payments: number,
  amountCents: number,
): AmountCell => ({
  activityId,
  activityTitle: `Activité ${activityId}`,
  confidential: false,
  programmeId,
  programmeTitle: programmeId ? `Programme ${programmeId}` : null,
  amountCents,
  payments,
});

describe('collected amounts', () => {
  it('adds cents per activity, programme and in total', () => {
    const result = collectedAmounts([
      cell('a', 'p', 6, 9000),
      cell('b', 'p', 5, 4000),
      cell('c', null, 8, 800),
    ]);
    expect(result.activities.map((a) => a.amountCents)).toEqual([9000, 4000, 800]);
    expect(result.programmes).toEqual([
      { programmeId: 'p', title: 'Programme p', amountCents: 13000 },
      { programmeId: null, title: 'Hors programme', amountCents: 800 },
    ]);
    expect(result.total.amountCents).toBe(13800);
  });

  it('hides an amount paid by fewer than five people, and the programme amount that would give it away', () => {
    const result = collectedAmounts([
      cell('a', 'p', 6, 9000),
      cell('b', 'p', 2, 3000),
      cell('c', 'q', 7, 700),
    ]);
    expect(result.activities.find((a) => a.activityId === 'b')!.amountCents).toBeNull();
    expect(result.programmes.find((p) => p.programmeId === 'p')!.amountCents).toBeNull();
    // q is shown; with p hidden the total would give p away, so it is hidden too.
    expect(result.programmes.find((p) => p.programmeId === 'q')!.amountCents).toBe(700);
    expect(result.total.amountCents).toBeNull();
  });

  it('shows a programme when two of its activities are hidden (their sum tells neither)', () => {
    const result = collectedAmounts([cell('a', 'p', 2, 3000), cell('b', 'p', 3, 4500)]);
    expect(result.programmes[0].amountCents).toBe(7500);
    expect(result.total.amountCents).toBe(7500);
  });
});
