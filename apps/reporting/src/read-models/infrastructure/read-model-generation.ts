import { QueryRunner } from 'typeorm';
import { enableRegionReadPolicy, enableTenantRowLevelSecurity } from '@respire/tenancy';
import { TENANT_DIRECTORY } from '../../tenants/infrastructure/tenant-directory.names';
import { DELTA_COLUMNS } from '../projections/session-counts';
import { scopeRollupsDdl } from '../projections/scope-rollups';

/** The rollups that let reports of totals read pre-aggregated rows (slices, distinct participants). */
export const SCOPE_ROLLUP_TABLES = [
  'slice_counts',
  'participant_slices',
  'distinct_counts',
  'participant_totals',
] as const;

/** Counts the projection keeps up to date beside the rows (same transaction), so reports read no registration rows. */
export const ROLLUP_TABLES = ['session_counts', ...SCOPE_ROLLUP_TABLES] as const;
export type RollupTable = (typeof ROLLUP_TABLES)[number];

/** Every read-model table, created once per generation. */
export const READ_MODEL_TABLES = [
  ...ROLLUP_TABLES,
  'tenant',
  'programme',
  'activity',
  'venue',
  'session',
  'registration',
  'participant',
  'feedback',
  'delivery',
] as const;
export type ReadModelTable = (typeof READ_MODEL_TABLES)[number];

/**
 * One generation of the read models: its own tables (`rpt_g<N>_<name>`) and its own consumer
 * group (`reporting.g<N>`), so that a rebuild fills generation N+1 from the beginning of the
 * topics while generation N keeps serving reports; the switch is one row update.
 *
 * A change to the read models' shape ships as a new DDL here and a rebuild — never as an ALTER
 * of a live generation — so generations are always built whole by the code that reads them.
 */
export class ReadModelGeneration {
  readonly t: Readonly<Record<ReadModelTable, string>>;

  constructor(readonly generation: number) {
    if (!Number.isInteger(generation) || generation < 1)
      throw new Error(`Invalid read-model generation ${generation}`);
    this.t = Object.fromEntries(
      READ_MODEL_TABLES.map((name) => [name, `rpt_g${generation}_${name}`]),
    ) as Record<ReadModelTable, string>;
  }

  /** The Kafka consumer group (before the environment's prefix) that feeds this generation. */
  get consumerGroup(): string {
    return `reporting.g${this.generation}`;
  }

  /** Creates this generation's tables, indexes and row-level security (run as the database owner). */
  async create(queryRunner: QueryRunner): Promise<void> {
    const t = this.t;
    const statements = [
      `CREATE TABLE ${t.tenant} (
        tenant_id uuid PRIMARY KEY,
        slug text,
        name text NOT NULL,
        timezone text NOT NULL
      )`,
      `CREATE TABLE ${t.programme} (
        tenant_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        title text NOT NULL,
        starts_on date,
        ends_on date,
        funder text,
        partners text[] NOT NULL DEFAULT '{}',
        PRIMARY KEY (tenant_id, programme_id)
      )`,
      `CREATE TABLE ${t.activity} (
        tenant_id uuid NOT NULL,
        activity_id uuid NOT NULL,
        programme_id uuid,
        title text NOT NULL,
        category text NOT NULL,
        confidential boolean NOT NULL,
        -- individual support: reported as the whole activity, never slot by slot
        individual boolean NOT NULL DEFAULT false,
        PRIMARY KEY (tenant_id, activity_id)
      )`,
      `CREATE TABLE ${t.venue} (
        tenant_id uuid NOT NULL,
        venue_id uuid NOT NULL,
        name text NOT NULL,
        seen_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, venue_id)
      )`,
      // status 'placeholder': known only from registration events so far (the catalog topic is
      // consumed independently and may lag); reports leave placeholders out until published.
      `CREATE TABLE ${t.session} (
        tenant_id uuid NOT NULL,
        session_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('placeholder', 'published', 'cancelled', 'completed')),
        activity_id uuid,
        programme_id uuid,
        title text,
        category text,
        confidential boolean,
        starts_at timestamptz,
        ends_at timestamptz,
        timezone text,
        local_date date,
        local_month text,
        venue_id uuid,
        capacity integer,
        sequence integer,
        published_at timestamptz,
        cancelled_at timestamptz,
        PRIMARY KEY (tenant_id, session_id)
      )`,
      `CREATE INDEX ${t.session}_date_idx ON ${t.session} (tenant_id, local_date)`,
      `CREATE INDEX ${t.session}_activity_idx ON ${t.session} (tenant_id, activity_id)`,
      // One row per registration; its status is the latest one, the timestamps keep its history.
      `CREATE TABLE ${t.registration} (
        tenant_id uuid NOT NULL,
        registration_id uuid NOT NULL,
        session_id uuid NOT NULL,
        participant_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN
          ('confirmed', 'waitlisted', 'offered', 'cancelled', 'expired', 'declined', 'attended', 'no_show')),
        via text,
        waitlisted_at timestamptz,
        offered_at timestamptz,
        offer_accepted boolean NOT NULL DEFAULT false,
        confirmed_at timestamptz,
        ended_at timestamptz,
        cancelled_by text,
        cancelled_from text,
        late_cancellation boolean,
        minutes_before_start integer,
        PRIMARY KEY (tenant_id, registration_id)
      )`,
      `CREATE INDEX ${t.registration}_session_idx ON ${t.registration} (tenant_id, session_id)`,
      `CREATE INDEX ${t.registration}_participant_idx ON ${t.registration} (tenant_id, participant_id)`,
      // Keyed by a digest of the participant id as registration sends it; participant_id is that
      // id, or a random stand-in once the participant is erased (the digest then only serves to
      // map events that arrive after the erasure to the same stand-in).
      `CREATE TABLE ${t.participant} (
        tenant_id uuid NOT NULL,
        participant_key bytea NOT NULL,
        participant_id uuid NOT NULL,
        profession text,
        practice_mode text,
        department text,
        profile_at timestamptz,
        erased_at timestamptz,
        PRIMARY KEY (tenant_id, participant_key)
      )`,
      `CREATE TABLE ${t.feedback} (
        tenant_id uuid NOT NULL,
        feedback_id uuid NOT NULL,
        session_id uuid NOT NULL,
        activity_id uuid NOT NULL,
        rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        quote text,
        submitted_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, feedback_id)
      )`,
      `CREATE INDEX ${t.feedback}_session_idx ON ${t.feedback} (tenant_id, session_id)`,
      `CREATE TABLE ${t.delivery} (
        tenant_id uuid NOT NULL,
        delivery_id uuid NOT NULL,
        template text NOT NULL,
        channel text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('sent', 'retrying', 'failed')),
        attempts integer NOT NULL,
        occurred_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, delivery_id)
      )`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
    await this.createRollups(queryRunner);
    await this.createScopeRollups(queryRunner);
    for (const table of Object.values(t))
      if (!this.isRollup(table)) await enableTenantRowLevelSecurity(queryRunner, table);
  }

  /**
   * The rollups (with row-level security), empty: `create()` makes them with the generation, and
   * the migration that introduced them adds them to older generations and fills them
   * (`RollupBackfill`).
   */
  async createRollups(queryRunner: QueryRunner): Promise<void> {
    const counts = DELTA_COLUMNS.map((c) => `${c} integer NOT NULL DEFAULT 0`).join(',\n        ');
    // One row per session with registrations or feedback: the registration metrics (deltas
    // applied by each batch), waiting_at_start (counted again from the session's rows whenever
    // its start or a waitlist timeline moves) and the ratings 1–5.
    await queryRunner.query(`CREATE TABLE ${this.t.session_counts} (
        tenant_id uuid NOT NULL,
        session_id uuid NOT NULL,
        ${counts},
        waiting_at_start integer NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant_id, session_id)
      )`);
    await enableTenantRowLevelSecurity(queryRunner, this.t.session_counts);
  }

  /**
   * The scope rollups (with row-level security), empty: `create()` makes them with the generation,
   * the migration that introduced them adds them to older generations and fills them.
   */
  async createScopeRollups(queryRunner: QueryRunner): Promise<void> {
    for (const statement of scopeRollupsDdl(this.t)) await queryRunner.query(statement);
    for (const table of SCOPE_ROLLUP_TABLES) await enableTenantRowLevelSecurity(queryRunner, this.t[table]);
  }

  private isRollup(table: string): boolean {
    return ROLLUP_TABLES.some((name) => this.t[name] === table);
  }

  /**
   * Lets a funder read this generation's rows of the CPTS of their region (SELECT only). Apart
   * from create() because the first generation is older than the tenant directory it looks up.
   */
  async allowRegionRead(
    queryRunner: QueryRunner,
    tables: readonly ReadModelTable[] = READ_MODEL_TABLES,
  ): Promise<void> {
    for (const table of tables) await enableRegionReadPolicy(queryRunner, this.t[table], TENANT_DIRECTORY);
  }

  async drop(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.values(this.t)) await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
