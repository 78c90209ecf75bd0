import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';

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

interface Row {
  id: string;
  status: string;
  starts_at: Date;
  capacity: number;
  seats_held: number;
  confirmed: string;
  offered: string;
  waitlisted: string;
  next_offer_expires_at: Date | null;
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
      const rows: Row[] = await manager.query(
        `SELECT s.id, s.status, s.starts_at, s.capacity, s.seats_held,
                count(r.id) FILTER (WHERE r.status IN ('confirmed', 'attended', 'no_show')) AS confirmed,
                count(r.id) FILTER (WHERE r.status = 'offered') AS offered,
                count(r.id) FILTER (WHERE r.status = 'waitlisted') AS waitlisted,
                min(r.offer_expires_at) FILTER (WHERE r.status = 'offered') AS next_offer_expires_at
           FROM session s
           LEFT JOIN registration r ON r.tenant_id = s.tenant_id AND r.session_id = s.id
          WHERE s.tenant_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3
          GROUP BY s.tenant_id, s.id
          ORDER BY s.starts_at, s.id`,
        [tenantId, from, to],
      );
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
