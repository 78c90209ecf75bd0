import { typedSql } from '@respire/tenancy';
import { DB } from './database';

/** Identity's typed SQL: `db(manager).selectFrom('staff')…` runs in `manager`'s transaction. */
export const db = typedSql<DB>();
