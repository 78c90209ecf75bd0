/** Every TypeORM entity of the registration database. */
export const REGISTRATION_ENTITIES = [];
