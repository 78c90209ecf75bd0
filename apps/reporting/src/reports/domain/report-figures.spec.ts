import { addPeople, emptyPeople, PEOPLE_METRICS } from './report-figures';

describe('addPeople', () => {
  it('adds every people metric, each into its own', () => {
    for (const [i, metric] of PEOPLE_METRICS.entries()) {
      const target = emptyPeople();
      target[metric] = 10;
      const source = emptyPeople();
      source[metric] = i + 1;
      addPeople(target, source);
      expect(target).toEqual({ ...emptyPeople(), [metric]: 10 + i + 1 });
    }
  });
});
