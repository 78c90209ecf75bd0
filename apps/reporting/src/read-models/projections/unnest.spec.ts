import { add, fields, unlessNull, Upsert, upsertSql } from './unnest';

interface Row {
  itemId: string;
  name: string | null;
  seenAt: string;
  count: number;
}

const flat = (sql: string) => sql.replace(/\s+/g, ' ').trim();

describe('upsert descriptions', () => {
  const rows: Row[] = [
    { itemId: 'b', name: 'B', seenAt: '2026-01-02T00:00:00Z', count: 2 },
    { itemId: 'a', name: null, seenAt: '2026-01-01T00:00:00Z', count: 1 },
  ];
  const ITEM: Upsert<Row> = {
    key: fields({ uuid: ['itemId'] }),
    values: fields({ text: ['name'], timestamptz: ['seenAt'], int: ['count'] }),
    merge: { name: unlessNull, count: add },
    when: (found) => `${found}.seen_at <= EXCLUDED.seen_at`,
  };

  it('writes every row in one statement, one array per column, in key order, each value merged as described', () => {
    const statement = upsertSql('item', ITEM, rows, { returning: 'item_id' });
    expect(flat(statement.sql)).toBe(
      'INSERT INTO item (tenant_id, item_id, name, seen_at, count) SELECT $1, v.item_id, v.name, v.seen_at, v.count ' +
        'FROM unnest($2::uuid[], $3::text[], $4::timestamptz[], $5::int[]) AS v(item_id, name, seen_at, count) ORDER BY v.item_id ' +
        'ON CONFLICT (tenant_id, item_id) DO UPDATE SET name = COALESCE(EXCLUDED.name, item.name), seen_at = EXCLUDED.seen_at, ' +
        'count = item.count + EXCLUDED.count WHERE item.seen_at <= EXCLUDED.seen_at RETURNING item_id',
    );
    expect(statement.values).toEqual([
      ['b', 'a'],
      ['B', null],
      ['2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z'],
      [2, 1],
    ]);
  });

  it('leaves a row found as it is when told to do nothing', () => {
    expect(flat(upsertSql('item', { ...ITEM, merge: 'nothing' }, rows).sql)).toMatch(
      /ON CONFLICT DO NOTHING$/,
    );
  });
});
