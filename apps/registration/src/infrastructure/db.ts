import { typedSql } from '@respire/tenancy';
import { DB } from './database';

/** Registration's typed SQL: `db(manager).selectFrom('registration')…` runs in `manager`'s transaction. */
export const db = typedSql<DB>();
