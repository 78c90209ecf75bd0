/** Every TypeORM entity of the catalog database. */
export const CATALOG_ENTITIES = [];
