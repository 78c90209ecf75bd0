import { hoursText, parseHours } from './offsets';

describe('reminder offsets', () => {
  it('reads and writes hours, in French', () => {
    expect(hoursText([2880, 180])).toBe('48, 3');
    expect(hoursText([90])).toBe('1,5');
    expect(parseHours('3, 48')).toEqual([2880, 180]);
    expect(parseHours('1,5')).toEqual([90]);
  });

  it('refuses what is not a positive number of hours', () => {
    expect(parseHours('demain')).toBeNull();
    expect(parseHours('-2')).toBeNull();
    expect(parseHours('48;3')).toEqual([2880, 180]);
  });
});
