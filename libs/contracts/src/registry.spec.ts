import { EventRegistry, createEvent, eventRegistry, isCheckedEventData } from './registry';
import { SESSION_CANCELLED_V1, SESSION_PUBLISHED_V1, SessionPublishedV1 } from './events';

const TENANT_ID = '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c01';

function publishedData(): SessionPublishedV1 {
  return structuredClone(SESSION_PUBLISHED_V1.example as SessionPublishedV1);
}

function validEnvelope(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const envelope = createEvent(SESSION_PUBLISHED_V1, publishedData(), {
    tenantId: TENANT_ID,
    source: 'catalog',
    subject: publishedData().sessionId,
  });
  return { ...envelope, ...overrides };
}

const raw = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('EventRegistry.parse', () => {
  it('accepts a valid envelope and returns it with its definition', () => {
    const envelope = validEnvelope();

    const result = eventRegistry.parse(raw(envelope));

    expect(result).toEqual({ ok: true, envelope, definition: SESSION_PUBLISHED_V1 });
  });

  it('accepts the same record as a string', () => {
    expect(eventRegistry.parse(JSON.stringify(validEnvelope())).ok).toBe(true);
  });

  it('ignores data fields it does not know (optional fields may be added within a version)', () => {
    const envelope = validEnvelope({ data: { ...publishedData(), addedLater: 'x' } });

    const result = eventRegistry.parse(raw(envelope));

    expect(result.ok).toBe(true);
  });

  it.each([
    ['an empty value', null],
    ['bytes that are not JSON', Buffer.from('{"id": ')],
    ['plain text', 'hello'],
  ])('rejects %s as unparseable', (_what, value) => {
    const result = eventRegistry.parse(value);

    expect(result).toMatchObject({ ok: false, reason: 'unparseable' });
  });

  it.each([
    ['a missing id', { id: undefined }],
    ['an id that is not a uuid', { id: 'evt-1' }],
    ['a type that breaks the naming rule', { type: 'SessionPublished' }],
    ['a version that is not a positive integer', { version: 0 }],
    ['a tenantId that is not a uuid', { tenantId: 'capacites' }],
    ['an occurredAt that is not an instant', { occurredAt: 'yesterday' }],
    ['an empty source', { source: '' }],
  ])('rejects an envelope with %s as invalid-envelope', (_what, overrides) => {
    const result = eventRegistry.parse(raw(validEnvelope(overrides)));

    expect(result).toMatchObject({ ok: false, reason: 'invalid-envelope' });
  });

  it('rejects a JSON value that is not an object as invalid-envelope', () => {
    expect(eventRegistry.parse(raw([1, 2]))).toMatchObject({ ok: false, reason: 'invalid-envelope' });
  });

  it('rejects an unknown type as unknown-event, naming it', () => {
    const result = eventRegistry.parse(raw(validEnvelope({ type: 'catalog.session.teleported' })));

    expect(result).toEqual({
      ok: false,
      reason: 'unknown-event',
      detail: 'no schema for catalog.session.teleported@v1',
    });
  });

  it('rejects a known type in an unknown version as unknown-event', () => {
    const result = eventRegistry.parse(raw(validEnvelope({ version: 99 })));

    expect(result).toMatchObject({
      ok: false,
      reason: 'unknown-event',
      detail: 'no schema for catalog.session.published@v99',
    });
  });

  it('rejects data that fails the schema as invalid-data, naming the field', () => {
    const data = { ...publishedData(), capacity: -3 };

    const result = eventRegistry.parse(raw(validEnvelope({ data })));

    expect(result).toMatchObject({ ok: false, reason: 'invalid-data' });
    expect(result.ok === false && result.detail).toContain('capacity');
  });

  it('rejects data missing a required field as invalid-data', () => {
    const { venue: _venue, ...data } = publishedData();

    const result = eventRegistry.parse(raw(validEnvelope({ data })));

    expect(result).toMatchObject({ ok: false, reason: 'invalid-data' });
    expect(result.ok === false && result.detail).toContain('venue');
  });
});

describe('EventRegistry', () => {
  it('refuses the same (type, version) registered twice', () => {
    expect(() => new EventRegistry([SESSION_PUBLISHED_V1, SESSION_PUBLISHED_V1])).toThrow(
      'Event catalog.session.published@v1 is registered twice',
    );
  });

  it('finds a definition by type and version', () => {
    expect(eventRegistry.find('catalog.session.published', 1)).toBe(SESSION_PUBLISHED_V1);
    expect(eventRegistry.find('catalog.session.published', 2)).toBeUndefined();
  });
});

describe('createEvent', () => {
  it('builds an envelope with a UUID v7 id, its own id as correlation, no causation', () => {
    const occurredAt = new Date('2026-01-15T08:00:00.000Z');

    const envelope = createEvent(SESSION_PUBLISHED_V1, publishedData(), {
      tenantId: TENANT_ID,
      source: 'catalog',
      subject: publishedData().sessionId,
      occurredAt,
    });

    expect(envelope).toMatchObject({
      type: 'catalog.session.published',
      version: 1,
      tenantId: TENANT_ID,
      occurredAt: '2026-01-15T08:00:00.000Z',
      source: 'catalog',
      subject: publishedData().sessionId,
      causationId: null,
      data: publishedData(),
    });
    expect(envelope.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(envelope.correlationId).toBe(envelope.id);
  });

  it('refuses data that fails the schema', () => {
    const data = { ...publishedData(), startsAt: '22/01/2026 18:30' };

    expect(() =>
      createEvent(SESSION_PUBLISHED_V1, data, {
        tenantId: TENANT_ID,
        source: 'catalog',
        subject: data.sessionId,
      }),
    ).toThrow(/startsAt/);
  });

  it('drops fields the schema does not know, so nothing unplanned is published', () => {
    const data = { ...publishedData(), rpps: '10101010101' } as SessionPublishedV1;

    const envelope = createEvent(SESSION_PUBLISHED_V1, data, {
      tenantId: TENANT_ID,
      source: 'catalog',
      subject: data.sessionId,
    });

    expect(envelope.data).not.toHaveProperty('rpps');
  });
});

describe('isCheckedEventData', () => {
  it('knows the data createEvent checked, for its definition only, and never a copy or other data', () => {
    const envelope = createEvent(SESSION_PUBLISHED_V1, publishedData(), {
      tenantId: TENANT_ID,
      source: 'catalog',
      subject: publishedData().sessionId,
    });

    expect(isCheckedEventData(envelope.data, SESSION_PUBLISHED_V1)).toBe(true);
    expect(isCheckedEventData(envelope.data, SESSION_CANCELLED_V1)).toBe(false);
    expect(isCheckedEventData({ ...envelope.data }, SESSION_PUBLISHED_V1)).toBe(false);
    expect(isCheckedEventData(publishedData(), SESSION_PUBLISHED_V1)).toBe(false);
    expect(isCheckedEventData(null, SESSION_PUBLISHED_V1)).toBe(false);
  });
});
