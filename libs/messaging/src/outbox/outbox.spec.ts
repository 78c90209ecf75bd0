import { createEvent, SESSION_PUBLISHED_V1, SessionPublishedV1 } from '@respire/contracts';
import { outboxRows } from './outbox';

const TENANT_ID = '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c01';

function published() {
  const data = structuredClone(SESSION_PUBLISHED_V1.example as SessionPublishedV1);
  return createEvent(SESSION_PUBLISHED_V1, data, {
    tenantId: TENANT_ID,
    source: 'catalog',
    subject: data.sessionId,
  });
}

describe('outboxRows', () => {
  it('writes an event createEvent built as it is, on its topic and key', () => {
    const event = published();

    const [row] = outboxRows([event], { 'x-test': '1' });

    expect(row).toMatchObject({
      id: event.id,
      tenantId: TENANT_ID,
      topic: SESSION_PUBLISHED_V1.topic,
      type: event.type,
      payload: event,
      headers: { 'x-test': '1' },
    });
  });

  it('checks against the contract an event whose data createEvent did not build', () => {
    const event = published();
    const handMade = { ...event, data: { ...event.data, startsAt: '22/01/2026 18:30' } };

    expect(() => outboxRows([handMade])).toThrow(/startsAt/);
  });

  it('checks the data again when the envelope names another event than the one it was built for', () => {
    const event = published();

    expect(() => outboxRows([{ ...event, type: 'catalog.session.cancelled' }])).toThrow();
  });
});
