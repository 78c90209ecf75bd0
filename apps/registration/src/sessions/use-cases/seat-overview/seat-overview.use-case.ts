import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { db } from '../../../infrastructure/db';

export interface SessionSeats {
  sessionId: string;
  status: string;
  startsAt: Date;
  capacity: number;
  seatsHeld: number;
  confirmed: number;
  offered: number;
  waitlisted: number;
  nextOfferExpiresAt: Date | null;
}

/**
 * The coordinators' dashboard: for every published session starting in a period, how many hold a
 * place, how many were offered one (and the first offer to expire), how many wait — in one query.
 */
@Injectable()
export class SeatOverviewUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  execute(tenantId: string, from: Date, to: Date): Promise<SessionSeats[]> {
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const rows = await db(manager)
        .selectFrom('session as s')
        .leftJoin('registration as r', (join) =>
          join.onRef('r.tenant_id', '=', 's.tenant_id').onRef('r.session_id', '=', 's.id'),
        )
        .select(['s.id', 's.status', 's.starts_at', 's.capacity', 's.seats_held'])
        .select((eb) => [
          eb.fn
            .count<string>('r.id')
            .filterWhere('r.status', 'in', ['confirmed', 'attended', 'no_show'])
            .as('confirmed'),
          eb.fn.count<string>('r.id').filterWhere('r.status', '=', 'offered').as('offered'),
          eb.fn.count<string>('r.id').filterWhere('r.status', '=', 'waitlisted').as('waitlisted'),
          eb.fn.min('r.offer_expires_at').filterWhere('r.status', '=', 'offered').as('next_offer_expires_at'),
        ])
        .where('s.tenant_id', '=', tenantId)
        .where('s.starts_at', '>=', from)
        .where('s.starts_at', '<', to)
        .groupBy(['s.tenant_id', 's.id'])
        .orderBy('s.starts_at')
        .orderBy('s.id')
        .execute();
      return rows.map((row) => ({
        sessionId: row.id,
        status: row.status,
        startsAt: row.starts_at,
        capacity: row.capacity,
        seatsHeld: row.seats_held,
        confirmed: Number(row.confirmed),
        offered: Number(row.offered),
        waitlisted: Number(row.waitlisted),
        nextOfferExpiresAt: row.next_offer_expires_at,
      }));
    });
  }
}
