import { createHmac } from 'node:crypto';
import { parse as parseUuid, v7 as uuidv7 } from 'uuid';
import { InvalidLinkError, LinkExpiredError } from '../registrations/domain/registration-errors';
import { ACCESS_LINK_EXPIRED_MESSAGE, accessLinkUrl, AccessTokens } from './access-token';
import { LinkTokens } from './link-token';

const SECRET = 'a-test-secret-that-is-at-least-32-chars';
const NOW = new Date('2027-01-12T10:00:00Z');
const TOMORROW = new Date('2027-01-13T10:00:00Z');

describe('"my registrations" link tokens', () => {
  const tokens = new AccessTokens(SECRET);
  const tenantId = uuidv7();
  const participantId = uuidv7();

  it('gives back the tenant and participant of a token it signed, until it expires', () => {
    const token = tokens.sign({ tenantId, participantId, expiresAt: TOMORROW });

    expect(tokens.verify(token, NOW)).toEqual({ tenantId, participantId, expiresAt: TOMORROW });
    expect(tokens.verify(token, TOMORROW).participantId).toBe(participantId);
    expect(() => tokens.verify(token, new Date(TOMORROW.getTime() + 1000))).toThrow(LinkExpiredError);
    expect(() => tokens.verify(token, new Date(TOMORROW.getTime() + 1000))).toThrow(
      ACCESS_LINK_EXPIRED_MESSAGE,
    );
  });

  it('cannot be given another participant or a later expiry without the secret', () => {
    const [payload, signature] = tokens.sign({ tenantId, participantId, expiresAt: NOW }).split('.');
    const extended = Buffer.from(payload, 'base64url');
    extended.writeUInt32BE(extended.readUInt32BE(33) + 86_400, 33);
    const other = Buffer.from(payload, 'base64url');
    other[20] ^= 1;

    for (const forged of [extended, other]) {
      expect(() => tokens.verify(`${forged.toString('base64url')}.${signature}`, NOW)).toThrow(
        InvalidLinkError,
      );
    }
  });

  it('still opens a link mailed before the format moved to libs/platform (same bytes, same key)', () => {
    const payload = Buffer.alloc(37);
    payload[0] = 0xa1;
    Buffer.from(parseUuid(tenantId)).copy(payload, 1);
    Buffer.from(parseUuid(participantId)).copy(payload, 17);
    payload.writeUInt32BE(TOMORROW.getTime() / 1000, 33);
    const key = createHmac('sha256', SECRET).update('respire participant access link').digest();
    const signature = createHmac('sha256', key).update(payload).digest().subarray(0, 16);

    expect(tokens.verify(`${payload.toString('base64url')}.${signature.toString('base64url')}`, NOW)).toEqual(
      {
        tenantId,
        participantId,
        expiresAt: TOMORROW,
      },
    );
  });

  it('is not a participant link token, and no participant link token is one (single purpose)', () => {
    const links = new LinkTokens(SECRET);
    const cancel = links.sign({
      tenantId,
      registrationId: participantId,
      action: 'cancel',
      expiresAt: TOMORROW,
    });
    const access = tokens.sign({ tenantId, participantId, expiresAt: TOMORROW });

    expect(() => tokens.verify(cancel, NOW)).toThrow(InvalidLinkError);
    expect(() => links.read(access)).toThrow(InvalidLinkError);
  });

  it('refuses a token of another secret, a truncated one and anything else', () => {
    const others = new AccessTokens('another-secret-that-is-at-least-32-chars');
    const token = tokens.sign({ tenantId, participantId, expiresAt: TOMORROW });
    for (const bad of [
      others.sign({ tenantId, participantId, expiresAt: TOMORROW }),
      token.split('.')[0],
      `${token}.x`,
      token.slice(0, -3),
      'x.y',
      '',
    ]) {
      expect(() => tokens.verify(bad, NOW)).toThrow(InvalidLinkError);
    }
  });

  it('is mailed as the web app’s "mes inscriptions" page', () => {
    expect(accessLinkUrl('https://respire.example.org/', 'abc.def')).toBe(
      'https://respire.example.org/mes-inscriptions?token=abc.def',
    );
  });
});
