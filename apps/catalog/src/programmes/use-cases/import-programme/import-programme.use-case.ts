import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { DomainError, Clock, CLOCK } from '@respire/platform';
import { Outbox } from '@respire/messaging';
import { ActivityRow } from '../../../activities/infrastructure/activity.repository';
import { ManageActivitiesUseCase } from '../../../activities/use-cases/manage-activities/manage-activities.use-case';
import { CatalogDatabase } from '../../../common/catalog-database';
import { CatalogConflictError, ResourceNotFoundError } from '../../../common/catalog-errors';
import { db } from '../../../infrastructure/db';
import { localToInstant } from '../../../sessions/domain/local-time';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { createSessions } from '../../../sessions/use-cases/shared/new-sessions';
import { tenantZone } from '../../../sessions/use-cases/shared/tenant-zone';
import { VenueRow } from '../../../venues/infrastructure/venue.repository';
import { ImportError, readProgrammeCsv } from '../../domain/programme-csv';
import { ProgrammeRepository } from '../../infrastructure/programme.repository';

export interface ImportProgrammeCommand {
  tenantId: string;
  programmeId: string;
  csv: string;
  dryRun: boolean;
  publish: boolean;
}

export interface ImportedSession {
  line: number;
  activity: string;
  category: string;
  newActivity: boolean;
  venue: string;
  localDate: string;
  localStartTime: string;
  localEndTime: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  id: string | null;
}

export interface ImportReport {
  dryRun: boolean;
  valid: boolean;
  lines: number;
  errors: ImportError[];
  activitiesToCreate: { title: string; category: string }[];
  sessions: ImportedSession[];
}

export class ImportInvalidError extends DomainError {
  constructor(report: ImportReport) {
    super(
      'import_invalid',
      `Le fichier comporte ${report.errors.length} erreur${report.errors.length > 1 ? 's' : ''} : rien n'a été importé`,
      400,
      { errors: report.errors },
    );
  }
}

interface PlannedLine {
  line: number;
  activityKey: string;
  activityTitle: string;
  category: string;
  activity: ActivityRow | null;
  venue: VenueRow;
  date: string;
  startTime: string;
  endTime: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
}

/**
 * Loads a programme from a CSV file (activity, category, date, start, end, venue, capacity).
 * Venues must exist (matched by name); activities are matched by title within the programme and
 * created when new. A dry run reports what would be created and every error by line; a real run
 * with any error imports nothing (400 with the same errors), otherwise everything in one transaction.
 */
@Injectable()
export class ImportProgrammeUseCase {
  constructor(
    private readonly db: CatalogDatabase,
    private readonly programmes: ProgrammeRepository,
    private readonly activities: ManageActivitiesUseCase,
    private readonly sessions: SessionRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ImportProgrammeCommand): Promise<ImportReport> {
    const { tenantId, programmeId } = command;
    const report = await this.db.inTenant(tenantId, async (manager) => {
      const programme = await this.programmes.find(manager, tenantId, programmeId);
      if (!programme) throw new ResourceNotFoundError('programme');
      if (programme.archived_at)
        throw new CatalogConflictError('programme_archived', 'Ce programme est archivé');
      const { report, planned } = await this.plan(manager, command);
      if (!report.valid || command.dryRun) return report;
      await this.write(manager, command, planned, report);
      return report;
    });
    if (!report.valid && !command.dryRun) throw new ImportInvalidError(report);
    return report;
  }

  private async plan(manager: EntityManager, command: ImportProgrammeCommand) {
    const { tenantId, programmeId } = command;
    const zone = await tenantZone(manager, tenantId);
    const { lines, errors, total } = readProgrammeCsv(command.csv);

    const venues = await db(manager)
      .selectFrom('venues')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('archived_at', 'is', null)
      .execute();
    const venueByName = new Map(venues.map((venue) => [venue.name.toLowerCase(), venue]));
    const existing = await db(manager)
      .selectFrom('activities')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('programme_id', '=', programmeId)
      .where('archived_at', 'is', null)
      .execute();
    const activityByTitle = new Map(existing.map((activity) => [activity.title.toLowerCase(), activity]));
    const newActivities = new Map<string, { title: string; category: string; line: number }>();
    const seen = new Map<string, number>();
    const planned: PlannedLine[] = [];

    for (const line of lines) {
      const lineErrors: ImportError[] = [];
      const problem = (field: string, message: string) =>
        lineErrors.push({ line: line.line, field, message });
      const venue = venueByName.get(line.venue.toLowerCase());
      if (!venue) {
        const known = venues.map((v) => v.name).join(', ') || 'aucun';
        problem('venue', `Lieu inconnu : « ${line.venue} » (lieux connus : ${known})`);
      }
      const activityKey = line.activity.toLowerCase();
      const activity = activityByTitle.get(activityKey) ?? null;
      const category = activity?.category ?? newActivities.get(activityKey)?.category;
      if (category && category.toLowerCase() !== line.category.toLowerCase()) {
        problem('category', `L'activité « ${line.activity} » est déjà dans la catégorie « ${category} »`);
      }
      const start = localToInstant(line.date, line.startTime, zone);
      const end = localToInstant(line.date, line.endTime, zone);
      if (!start.ok && start.reason === 'invalid-date')
        problem('date', `${line.date} n'est pas une date du calendrier`);
      else if (!start.ok)
        problem(
          'start',
          `${line.startTime} n'existe pas le ${line.date} (${zone}) : les horloges avancent d'une heure`,
        );
      else if (!end.ok)
        problem(
          'end',
          `${line.endTime} n'existe pas le ${line.date} (${zone}) : les horloges avancent d'une heure`,
        );
      if (start.ok) {
        const key = `${activityKey}|${start.instant.toISOString()}`;
        const first = seen.get(key);
        if (first !== undefined) problem('date', `Même séance que la ligne ${first}`);
        else seen.set(key, line.line);
      }
      if (lineErrors.length > 0 || !venue || !start.ok || !end.ok) {
        errors.push(...lineErrors);
        continue;
      }
      if (!activity && !newActivities.has(activityKey)) {
        newActivities.set(activityKey, { title: line.activity, category: line.category, line: line.line });
      }
      planned.push({
        line: line.line,
        activityKey,
        activityTitle: activity?.title ?? newActivities.get(activityKey)!.title,
        category: activity?.category ?? newActivities.get(activityKey)!.category,
        activity,
        venue,
        date: line.date,
        startTime: line.startTime,
        endTime: line.endTime,
        startsAt: start.instant,
        endsAt: end.instant,
        capacity: line.capacity,
      });
    }

    // Sessions already in the catalogue (an import run twice creates nothing twice).
    const known = planned.filter((p) => p.activity);
    if (known.length > 0) {
      const activityIds = [...new Set(known.map((p) => p.activity!.id))];
      const startsAts = [...new Set(known.map((p) => p.startsAt.toISOString()))];
      const clashes = await db(manager)
        .selectFrom('sessions')
        .select(['activity_id', 'starts_at'])
        .where('tenant_id', '=', tenantId)
        .where('activity_id', '=', sql<string>`ANY(${activityIds}::uuid[])`)
        .where('starts_at', '=', sql<Date>`ANY(${startsAts}::timestamptz[])`)
        .where('status', '<>', 'cancelled')
        .execute();
      const clashKeys = new Set(clashes.map((c) => `${c.activity_id}|${c.starts_at.toISOString()}`));
      for (const p of known) {
        if (clashKeys.has(`${p.activity!.id}|${p.startsAt.toISOString()}`)) {
          errors.push({
            line: p.line,
            field: 'date',
            message: `Cette séance existe déjà (${p.activityTitle}, ${p.date} ${p.startTime})`,
          });
        }
      }
    }

    errors.sort((a, b) => a.line - b.line);
    const report: ImportReport = {
      dryRun: command.dryRun,
      valid: errors.length === 0,
      lines: total,
      errors,
      activitiesToCreate: [...newActivities.values()].map(({ title, category }) => ({ title, category })),
      sessions: planned.map((p) => ({
        line: p.line,
        activity: p.activityTitle,
        category: p.category,
        newActivity: !p.activity,
        venue: p.venue.name,
        localDate: p.date,
        localStartTime: p.startTime,
        localEndTime: p.endTime,
        startsAt: p.startsAt.toISOString(),
        endsAt: p.endsAt.toISOString(),
        capacity: p.capacity,
        id: null,
      })),
    };
    return { report, planned };
  }

  private async write(
    manager: EntityManager,
    command: ImportProgrammeCommand,
    planned: PlannedLine[],
    report: ImportReport,
  ) {
    const { tenantId, programmeId } = command;
    const activityIds = new Map<string, string>();
    for (const p of planned) {
      if (p.activity) activityIds.set(p.activityKey, p.activity.id);
      else if (!activityIds.has(p.activityKey)) {
        const created = await this.activities.createIn(manager, tenantId, {
          programmeId,
          title: p.activityTitle,
          category: p.category,
        });
        activityIds.set(p.activityKey, created.id);
      }
    }
    // Lines sharing activity, venue, times and capacity form one series.
    const groups = new Map<string, PlannedLine[]>();
    for (const p of planned) {
      const key = [p.activityKey, p.venue.id, p.startTime, p.endTime, p.capacity].join('|');
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    const idByLine = new Map<number, string>();
    for (const group of groups.values()) {
      const [first] = group;
      const views = await createSessions(
        { sessions: this.sessions, outbox: this.outbox },
        manager,
        tenantId,
        {
          activityId: activityIds.get(first.activityKey)!,
          venueId: first.venue.id,
          startTime: first.startTime,
          endTime: first.endTime,
          capacity: first.capacity,
          publish: command.publish,
        },
        group.map((p) => ({
          slot: { date: p.date, startTime: p.startTime, endTime: p.endTime },
          paths: { date: ['csv'], startTime: ['csv'], endTime: ['csv'] },
          window: () => ({ opensAt: null, closesAt: null }),
          windowPaths: { opensAt: ['csv'], closesAt: ['csv'] },
        })),
        this.clock.now(),
      );
      for (const p of group) {
        const view = views.find((v) => v.startsAt.getTime() === p.startsAt.getTime());
        if (view) idByLine.set(p.line, view.id);
      }
    }
    for (const session of report.sessions) session.id = idByLine.get(session.line) ?? null;
  }
}
