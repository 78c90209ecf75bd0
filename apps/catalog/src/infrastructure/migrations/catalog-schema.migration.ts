import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowLevelSecurity } from '@respire/tenancy';

/** Tables owned by a tenant, each with `tenant_id` leading its keys and the tenant_isolation policy. */
export const CATALOG_TENANT_TABLES = [
  'programmes',
  'venues',
  'facilitators',
  'activities',
  'sessions',
  'session_seats',
] as const;

/**
 * The catalog's schema.
 *
 * `tenants` is the one table keyed by `id` rather than `tenant_id`: its policy is
 * `id = app_current_tenant()`, so the app role sees only the tenant of the transaction. Row-level
 * security is ENABLED but deliberately not FORCED on it, so that its owner (the migration role)
 * is not subject to the policy: two narrow SECURITY DEFINER functions, owned by it, are the only
 * ways across tenants — `tenant_id_by_slug(slug)` for the public programme (a slug is public) and
 * `tenant_directory()` (id, slug, name, timezone) for platform admins and the completion job,
 * which visits every tenant. Every other table FORCEs its policy. A new tenant row is written in
 * a transaction whose `app.tenant_id` is already the new id, so the policy's WITH CHECK holds.
 * Every tenant-owned table references `tenants` (a token for a tenant that does not exist writes
 * nothing) and references its parents with `(tenant_id, id)`, so no row can point into another
 * tenant even through a bug.
 */
export class CatalogSchema1763910000000 implements MigrationInterface {
  name = 'CatalogSchema1763910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenants (
        id                        uuid PRIMARY KEY,
        slug                      text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 63),
        name                      text NOT NULL CHECK (length(name) > 0),
        timezone                  text NOT NULL,
        locale                    text NOT NULL,
        sender_email              text,
        branding                  jsonb NOT NULL DEFAULT '{}'::jsonb,
        reminder_offsets_minutes  integer[] NOT NULL,
        waitlist_mode             text NOT NULL CHECK (waitlist_mode IN ('offer', 'auto-confirm')),
        offer_ttl_minutes         integer NOT NULL CHECK (offer_ttl_minutes > 0),
        offer_cutoff_minutes      integer NOT NULL CHECK (offer_cutoff_minutes >= 0),
        late_cancellation_minutes integer NOT NULL CHECK (late_cancellation_minutes >= 0),
        listening_lines           jsonb NOT NULL DEFAULT '[]'::jsonb,
        privacy_contact           text,
        created_at                timestamptz NOT NULL DEFAULT now(),
        updated_at                timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE tenants ENABLE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON tenants
        USING (id = app_current_tenant())
        WITH CHECK (id = app_current_tenant())`);
    await q.query(`
      CREATE FUNCTION tenant_id_by_slug(p_slug text) RETURNS uuid
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$ SELECT id FROM public.tenants WHERE slug = p_slug $$`);
    await q.query(`
      CREATE FUNCTION tenant_directory()
        RETURNS TABLE (id uuid, slug text, name text, timezone text, created_at timestamptz)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$ SELECT id, slug, name, timezone, created_at FROM public.tenants ORDER BY slug $$`);

    await q.query(`
      CREATE TABLE programmes (
        tenant_id   uuid NOT NULL REFERENCES tenants (id),
        id          uuid NOT NULL,
        title       text NOT NULL CHECK (length(title) > 0),
        description text,
        starts_on   date,
        ends_on     date,
        funder      text,
        partners    text[] NOT NULL DEFAULT '{}',
        archived_at timestamptz,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CHECK (starts_on IS NULL OR ends_on IS NULL OR ends_on >= starts_on)
      )`);

    await q.query(`
      CREATE TABLE venues (
        tenant_id   uuid NOT NULL REFERENCES tenants (id),
        id          uuid NOT NULL,
        name        text NOT NULL CHECK (length(name) > 0),
        address     text,
        notes       text,
        archived_at timestamptz,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);
    // Venues are matched by name (CSV import): two live venues of a tenant never share one.
    await q.query(
      `CREATE UNIQUE INDEX venues_name_uq ON venues (tenant_id, lower(name)) WHERE archived_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE facilitators (
        tenant_id   uuid NOT NULL REFERENCES tenants (id),
        id          uuid NOT NULL,
        name        text NOT NULL CHECK (length(name) > 0),
        email       text,
        phone       text,
        bio         text,
        archived_at timestamptz,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);

    await q.query(`
      CREATE TABLE activities (
        tenant_id                uuid NOT NULL REFERENCES tenants (id),
        id                       uuid NOT NULL,
        programme_id             uuid,
        title                    text NOT NULL CHECK (length(title) > 0),
        category                 text NOT NULL CHECK (length(category) > 0),
        objective                text,
        description              text,
        default_duration_minutes integer CHECK (default_duration_minutes > 0),
        default_capacity         integer CHECK (default_capacity > 0),
        venue_id                 uuid,
        facilitator_id           uuid,
        confidential             boolean NOT NULL DEFAULT false,
        archived_at              timestamptz,
        created_at               timestamptz NOT NULL DEFAULT now(),
        updated_at               timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, programme_id) REFERENCES programmes (tenant_id, id),
        FOREIGN KEY (tenant_id, venue_id) REFERENCES venues (tenant_id, id),
        FOREIGN KEY (tenant_id, facilitator_id) REFERENCES facilitators (tenant_id, id)
      )`);
    // Activities are matched by title within their programme (CSV import, demo seed).
    await q.query(`
      CREATE UNIQUE INDEX activities_title_uq
        ON activities (tenant_id, coalesce(programme_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(title))
        WHERE archived_at IS NULL`);

    await q.query(`
      CREATE TABLE sessions (
        tenant_id              uuid NOT NULL REFERENCES tenants (id),
        id                     uuid NOT NULL,
        activity_id            uuid NOT NULL,
        programme_id           uuid,
        venue_id               uuid NOT NULL,
        facilitator_id         uuid,
        starts_at              timestamptz NOT NULL,
        ends_at                timestamptz NOT NULL,
        capacity               integer NOT NULL CHECK (capacity > 0),
        status                 text NOT NULL DEFAULT 'draft'
                               CHECK (status IN ('draft', 'published', 'cancelled', 'completed')),
        registration_opens_at  timestamptz,
        registration_closes_at timestamptz,
        eligible_professions   text[] NOT NULL DEFAULT '{}',
        price_cents            integer NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
        sequence               integer NOT NULL DEFAULT 0,
        seats_taken            integer NOT NULL DEFAULT 0 CHECK (seats_taken >= 0),
        cancellation_reason    text,
        published_at           timestamptz,
        cancelled_at           timestamptz,
        completed_at           timestamptz,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CHECK (ends_at > starts_at),
        CHECK (registration_opens_at IS NULL OR registration_closes_at IS NULL OR registration_closes_at > registration_opens_at),
        FOREIGN KEY (tenant_id, activity_id) REFERENCES activities (tenant_id, id),
        FOREIGN KEY (tenant_id, programme_id) REFERENCES programmes (tenant_id, id),
        FOREIGN KEY (tenant_id, venue_id) REFERENCES venues (tenant_id, id),
        FOREIGN KEY (tenant_id, facilitator_id) REFERENCES facilitators (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX sessions_period_idx ON sessions (tenant_id, starts_at)`);
    await q.query(`CREATE INDEX sessions_facilitator_idx ON sessions (tenant_id, facilitator_id, starts_at)`);
    await q.query(
      `CREATE INDEX sessions_due_idx ON sessions (tenant_id, ends_at) WHERE status = 'published'`,
    );
    // One live session of an activity per start instant: a series or an import run twice creates nothing twice.
    await q.query(`
      CREATE UNIQUE INDEX sessions_activity_start_uq ON sessions (tenant_id, activity_id, starts_at)
        WHERE status <> 'cancelled'`);

    // Who holds a seat, as the registration service reported it (registration.* events).
    await q.query(`
      CREATE TABLE session_seats (
        tenant_id        uuid NOT NULL REFERENCES tenants (id),
        session_id       uuid NOT NULL,
        registration_id  uuid NOT NULL,
        status           text NOT NULL,
        holds_seat       boolean NOT NULL,
        last_event_at    timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, session_id, registration_id)
      )`);

    for (const table of CATALOG_TENANT_TABLES) await enableTenantRowLevelSecurity(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...CATALOG_TENANT_TABLES].reverse())
      await q.query(`DROP TABLE IF EXISTS "${table}"`);
    await q.query(`DROP FUNCTION IF EXISTS tenant_directory()`);
    await q.query(`DROP FUNCTION IF EXISTS tenant_id_by_slug(text)`);
    await q.query(`DROP TABLE IF EXISTS tenants`);
  }
}
