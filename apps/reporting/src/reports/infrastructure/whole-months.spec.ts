import { datesOf, lastMonthOver, periodOf, wholeMonths } from './whole-months';

describe('wholeMonths', () => {
  it('keeps the months a date range covers from their first day to their last', () => {
    expect(wholeMonths('2026-01-01', '2026-03-31')).toEqual({ first: '2026-01', last: '2026-03' });
    expect(wholeMonths('2026-01-02', '2026-03-30')).toEqual({ first: '2026-02', last: '2026-02' });
    expect(wholeMonths('2024-02-01', '2024-02-29')).toEqual({ first: '2024-02', last: '2024-02' });
    expect(wholeMonths('2025-02-01', '2025-02-27')).toBeNull();
    expect(wholeMonths('2025-12-15', '2026-01-31')).toEqual({ first: '2026-01', last: '2026-01' });
    expect(wholeMonths('2026-01-10', '2026-01-20')).toBeNull();
  });

  it('reads an open end as every month on that side, and stops at the last month over', () => {
    expect(wholeMonths(null, null)).toEqual({ first: '0001-01', last: '9999-12' });
    expect(wholeMonths(null, '2026-05-31', '2026-03')).toEqual({ first: '0001-01', last: '2026-03' });
    expect(wholeMonths('2026-04-01', null, '2026-03')).toBeNull();
  });

  it('gives the local dates of a month range, open where the range is', () => {
    expect(datesOf({ first: '2026-01', last: '2026-03' })).toEqual({
      from: '2026-01-01',
      until: '2026-04-01',
    });
    expect(datesOf({ first: '2025-12', last: '2025-12' })).toEqual({
      from: '2025-12-01',
      until: '2026-01-01',
    });
    expect(datesOf(wholeMonths(null, null)!)).toEqual({ from: null, until: null });
    expect(datesOf(wholeMonths(null, null, '2026-10')!)).toEqual({ from: null, until: '2026-11-01' });
  });

  it('takes as over the month before the one of two days ago', () => {
    expect(lastMonthOver(new Date('2026-03-02T12:00:00Z'))).toBe('2026-01');
    expect(lastMonthOver(new Date('2026-03-03T00:00:00Z'))).toBe('2026-02');
    expect(lastMonthOver(new Date('2026-01-15T00:00:00Z'))).toBe('2025-12');
  });

  it('names the calendar period a scope is exactly, as the distinct counts are kept by, and no other', () => {
    expect(periodOf(null, null)).toBe('');
    expect(periodOf('2026-01-01', '2026-12-31')).toBe('2026');
    expect(periodOf('2026-01-01', '2026-03-31')).toBe('2026-Q1');
    expect(periodOf('2024-04-01', '2024-06-30')).toBe('2024-Q2');
    expect(periodOf('2026-07-01', '2026-09-30')).toBe('2026-Q3');
    expect(periodOf('2026-10-01', '2026-12-31')).toBe('2026-Q4');
    for (const [from, to] of [
      ['2026-01-01', null],
      [null, '2026-03-31'],
      ['2026-01-01', '2026-03-30'],
      ['2026-01-02', '2026-03-31'],
      ['2026-02-01', '2026-04-30'],
      ['2026-01-01', '2026-06-30'],
      ['2026-01-01', '2026-01-31'],
      ['2025-10-01', '2026-03-31'],
      ['2025-01-01', '2026-12-31'],
    ])
      expect({ from, to, period: periodOf(from, to) }).toEqual({ from, to, period: null });
  });
});
