/** Every TypeORM entity of the notifications database. */
export const NOTIFICATIONS_ENTITIES = [];
