import { typedSql } from '@respire/tenancy';
import { DB } from './database';

/** Catalog's typed SQL: `db(manager).selectFrom('sessions')…` runs in `manager`'s transaction. */
export const db = typedSql<DB>();
