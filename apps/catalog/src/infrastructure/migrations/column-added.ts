import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A migration that adds one column to a table, and drops it on the way down. `name` is the
 * migration's, ending in its timestamp, as TypeORM records and orders it.
 */
export function columnAdded(name: string, table: string, column: string, definition: string) {
  const migration = class implements MigrationInterface {
    name = name;

    async up(q: QueryRunner): Promise<void> {
      await q.query(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }

    async down(q: QueryRunner): Promise<void> {
      await q.query(`ALTER TABLE ${table} DROP COLUMN ${column}`);
    }
  };
  return Object.defineProperty(migration, 'name', { value: name });
}
