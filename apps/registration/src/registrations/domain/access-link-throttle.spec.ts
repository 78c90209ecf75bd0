import {
  ACCESS_LINK_WINDOW_MS,
  ACCESS_LINKS_PER_WINDOW,
  AccessLinkWindow,
  nextAccessLink,
} from './access-link-throttle';

describe('mailing "my registrations" links to one address', () => {
  const t0 = new Date('2027-01-12T10:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it('sends three links an hour, then none until the hour is over', () => {
    let window: AccessLinkWindow = { startedAt: null, sent: 0 };
    const sent: boolean[] = [];
    for (let i = 0; i < ACCESS_LINKS_PER_WINDOW + 2; i++) {
      const next = nextAccessLink(window, at(i * 60_000));
      sent.push(next.send);
      window = next.window;
    }
    expect(sent).toEqual([true, true, true, false, false]);
    expect(window).toEqual({ startedAt: t0, sent: 3 });

    expect(nextAccessLink(window, at(ACCESS_LINK_WINDOW_MS - 1)).send).toBe(false);
    expect(nextAccessLink(window, at(ACCESS_LINK_WINDOW_MS))).toEqual({
      send: true,
      window: { startedAt: at(ACCESS_LINK_WINDOW_MS), sent: 1 },
    });
  });
});
