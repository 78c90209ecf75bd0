import { camelRow, snakeRow } from './row-case';

interface Seat {
  tenantId: string;
  sessionId: string;
  startsAt: Date;
  seatsHeld: number;
  cancellationReason: string | null;
}

describe('camelRow and snakeRow', () => {
  const startsAt = new Date('2026-03-02T09:00:00Z');
  const row = {
    tenant_id: 't',
    session_id: 's',
    starts_at: startsAt,
    seats_held: 3,
    cancellation_reason: null,
  };

  it('gives every column under its camelCase name, values untouched', () => {
    const seat: Seat = camelRow(row);
    expect(seat).toEqual({
      tenantId: 't',
      sessionId: 's',
      startsAt,
      seatsHeld: 3,
      cancellationReason: null,
    });
    expect(seat.startsAt).toBe(startsAt);
  });

  it('does not compile for a row with a column the domain object lacks, without one it has, or of another type', () => {
    // The @ts-expect-error lines are the test: tsc fails on any of them that compiles.
    // @ts-expect-error seats_kept would leak into the seat
    const extra: Seat = camelRow({ ...row, seats_kept: 1 });
    const { seats_held: _held, ...missing } = row;
    // @ts-expect-error seatsHeld would be missing
    const short: Seat = camelRow(missing);
    // @ts-expect-error starts_at is not a Date
    const wrong: Seat = camelRow({ ...row, starts_at: '2026-03-02' });
    expect([extra, short, wrong].map((seat) => Object.keys(seat).length)).toEqual([6, 4, 5]);
  });

  it('checks the fit the same where it answers `Seat | null` from an async function', async () => {
    const find = async (found: boolean): Promise<Seat | null> => (found ? camelRow(row) : null);
    // @ts-expect-error seats_kept would leak into the seat
    const leaky = async (): Promise<Seat | null> => camelRow({ ...row, seats_kept: 1 });
    expect(await find(true)).toEqual(camelRow<Seat, typeof row>(row));
    expect(await find(false)).toBeNull();
    expect(await leaky()).toHaveProperty('seatsKept', 1);
  });

  it('gives a domain object back as its row, and the row back as the same object', () => {
    const seat: Seat = camelRow(row);
    const back = snakeRow(seat);
    expect(back).toEqual(row);
    expect(camelRow<Seat, typeof back>(back)).toEqual(seat);
    const typed: { starts_at: Date; cancellation_reason: string | null } = back;
    expect(typed.starts_at).toBe(startsAt);
  });
});
