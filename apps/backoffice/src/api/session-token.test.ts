import { SessionToken, SignedOutError } from './session-token';

const account = {
  staffId: 's1',
  tenantId: 't1',
  tenantName: 'CPTS',
  tenantSlug: 'cpts',
  name: 'Anne',
  email: 'a@b.fr',
  roles: ['coordinator' as const],
  facilitatorId: null,
};
const granted = (seconds = 300) =>
  new Response(
    JSON.stringify({
      accessToken: 'token-1',
      expiresAt: new Date(Date.now() + seconds * 1000).toISOString(),
      account,
    }),
    { status: 200 },
  );

describe('SessionToken', () => {
  it('asks once for concurrent callers and reuses the token until shortly before it expires', async () => {
    let calls = 0;
    const token = new SessionToken(async () => {
      calls += 1;
      return granted();
    });
    expect(await Promise.all([token.accessToken(), token.accessToken()])).toEqual(['token-1', 'token-1']);
    expect(await token.accessToken()).toBe('token-1');
    expect(calls).toBe(1);
  });

  it('ignores an answer to a request sent before a reset (signed out before the link, signed in after)', async () => {
    let release: (response: Response) => void = () => undefined;
    const answers = [new Promise<Response>((resolve) => (release = resolve)), Promise.resolve(granted())];
    const token = new SessionToken(() => answers.shift()!);
    const seen: (string | null)[] = [];
    token.onChange((a) => seen.push(a?.staffId ?? null));

    const before = token.account();
    token.reset(); // the link set the cookie: ask again
    const after = token.account();
    release(new Response('{}', { status: 403 }));

    await expect(before).rejects.toBeInstanceOf(SignedOutError);
    expect((await after).staffId).toBe('s1');
    expect(seen).toEqual(['s1']);
  });
});
