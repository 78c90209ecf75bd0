import { comingWindow, isoDate } from './periods';

describe('periods', () => {
  it('spans the coming days, with a day back for tonight’s sessions', () => {
    expect(comingWindow(new Date(2027, 0, 30), 3, 1)).toEqual({ from: '2027-01-29', to: '2027-02-02' });
    expect(isoDate(new Date(2027, 11, 31))).toBe('2027-12-31');
  });
});
