import { v7 as uuidv7 } from 'uuid';
import { useTestDatabase } from '@respire/testing';
import { InboxPurger, MessagingTables1763900000000 } from '../src';

describe('inbox purge (real PostgreSQL)', () => {
  const db = useTestDatabase([MessagingTables1763900000000]);
  const tenantId = uuidv7();

  const processedDaysAgo = async (group: string, days: number) => {
    const id = uuidv7();
    await db.owner.query(
      `INSERT INTO inbox (consumer_group, event_id, tenant_id, event_type, processed_at)
       VALUES ($1, $2, $3, 'catalog.session.published', now() - ($4::int * interval '1 day'))`,
      [group, id, tenantId, days],
    );
    return id;
  };
  const remaining = async (group: string) =>
    (await db.owner.query(`SELECT event_id FROM inbox WHERE consumer_group = $1`, [group])).map(
      (r: { event_id: string }) => r.event_id,
    );

  it('forgets the event ids processed before the retention, and only those', async () => {
    const old = await processedDaysAgo('reporting', 46);
    const kept = [await processedDaysAgo('reporting', 44), await processedDaysAgo('reporting', 0)];

    expect(await new InboxPurger(db.owner, { retentionDays: 45, log: () => undefined }).purgeOnce()).toBe(1);
    expect((await remaining('reporting')).sort()).toEqual(kept.sort());
    expect(await remaining('reporting')).not.toContain(old);
  });

  it('deletes in batches until nothing old is left', async () => {
    for (let i = 0; i < 12; i++) await processedDaysAgo('notifications', 60);
    const recent = await processedDaysAgo('notifications', 1);

    expect(
      await new InboxPurger(db.owner, { retentionDays: 45, batchSize: 5, log: () => undefined }).purgeOnce(),
    ).toBe(12);
    expect(await remaining('notifications')).toEqual([recent]);
  });
});
