import { v7 as uuidv7 } from 'uuid';
import { testMigration, useTestDatabase } from '@respire/testing';
import { runTransaction } from '../src';

const Notes = testMigration(
  'Notes1763900000020',
  [`CREATE TABLE notes (id uuid PRIMARY KEY, body text NOT NULL)`],
  `DROP TABLE notes`,
);

describe('transactions ride out a lost connection (real PostgreSQL)', () => {
  const db = useTestDatabase([Notes]);

  it('runs the work again in a new transaction when its connection is killed before COMMIT, and writes once', async () => {
    let attempts = 0;
    const id = uuidv7();
    await runTransaction(db.app, async (manager) => {
      attempts += 1;
      await manager.query(`INSERT INTO notes (id, body) VALUES ($1, 'kept once')`, [id]);
      if (attempts === 1) {
        // What a database restart does to a connection in the middle of a transaction.
        const [{ pid }] = await manager.query(`SELECT pg_backend_pid() AS pid`);
        await db.owner.query(`SELECT pg_terminate_backend($1)`, [pid]);
        await manager.query(`SELECT 1`);
      }
    });
    expect(attempts).toBe(2);
    expect(await db.owner.query(`SELECT body FROM notes WHERE id = $1`, [id])).toEqual([
      { body: 'kept once' },
    ]);
  });

  it('does not run again what fails for a reason a retry cannot fix', async () => {
    let attempts = 0;
    const id = uuidv7();
    await db.owner.query(`INSERT INTO notes (id, body) VALUES ($1, 'first')`, [id]);
    await expect(
      runTransaction(db.app, async (manager) => {
        attempts += 1;
        await manager.query(`INSERT INTO notes (id, body) VALUES ($1, 'second')`, [id]);
      }),
    ).rejects.toMatchObject({ driverError: { code: '23505' } });
    expect(attempts).toBe(1);
  });
});
