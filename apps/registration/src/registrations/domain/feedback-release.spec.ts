import { FEEDBACK_BATCH_MIN, feedbackToRelease, shuffled } from './feedback-release';

const NOW = new Date('2026-03-20T12:00:00Z');
const OPEN = new Date('2026-04-09T18:30:00Z');
const CLOSED = new Date('2026-03-19T18:30:00Z');

const pending = (sessionId: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `${sessionId}-${i}`, sessionId }));

describe('releasing feedback', () => {
  it('holds a session’s feedback until a batch of three could be any of its authors', () => {
    const two = pending('s1', FEEDBACK_BATCH_MIN - 1);
    expect(feedbackToRelease(two, () => OPEN, NOW)).toEqual([]);

    const three = pending('s1', FEEDBACK_BATCH_MIN);
    expect(feedbackToRelease(three, () => OPEN, NOW).sort()).toEqual(three.map((p) => p.id).sort());
  });

  it('releases whatever is left once the session’s feedback window has closed, since nothing more can come', () => {
    const last = pending('s2', 1);
    expect(feedbackToRelease(last, () => CLOSED, NOW)).toEqual(['s2-0']);
    expect(feedbackToRelease(last, () => null, NOW)).toEqual(['s2-0']);
  });

  it('counts each session apart: three feedbacks of three sessions are three batches of one', () => {
    const mixed = [...pending('a', 1), ...pending('b', 1), ...pending('c', 1)];
    expect(feedbackToRelease(mixed, () => OPEN, NOW)).toEqual([]);
    expect(feedbackToRelease([...mixed, ...pending('d', 3)], () => OPEN, NOW)).toEqual(['d-0', 'd-1', 'd-2']);
  });

  it('shuffles with the given randomness, every order reachable', () => {
    const items = [1, 2, 3];
    const orders = new Set<string>();
    for (let seed = 0; seed < 6; seed++) {
      const picks = [seed % 3, Math.floor(seed / 3) % 2];
      let call = 0;
      orders.add(shuffled(items, () => picks[call++]).join(''));
    }
    expect(orders.size).toBe(6);
    expect(items).toEqual([1, 2, 3]);
  });
});
