import { typedSql } from '@respire/tenancy';
import { DB } from './database';

/** Notifications' typed SQL: `db(manager).selectFrom('template_override')…` runs in `manager`'s transaction. */
export const db = typedSql<DB>();
