/** Every TypeORM entity of the reporting database. */
export const REPORTING_ENTITIES = [];
