import { dotStuffed } from './pipelining-smtp';

describe('dotStuffed', () => {
  const stuffed = (raw: string) => dotStuffed(Buffer.from(raw, 'latin1')).toString('latin1');

  it('doubles a dot that starts a line, the first one included, and nothing else', () => {
    expect(stuffed('.a\r\nb.c\r\n.\r\n..d\r\n')).toBe('..a\r\nb.c\r\n..\r\n...d\r\n');
  });

  it('ends the body with CRLF, once', () => {
    expect(stuffed('a\r\nb')).toBe('a\r\nb\r\n');
    expect(stuffed('a\r\nb\r\n')).toBe('a\r\nb\r\n');
  });

  it('keeps every byte (8-bit content)', () => {
    const raw = Buffer.from([0xc3, 0xa9, 0x0d, 0x0a, 0x2e, 0xff, 0x0d, 0x0a]);
    expect([...dotStuffed(raw)]).toEqual([0xc3, 0xa9, 0x0d, 0x0a, 0x2e, 0x2e, 0xff, 0x0d, 0x0a]);
  });
});
