import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Region, REGIONS } from '@respire/contracts';
import { Clock, CLOCK } from '@respire/platform';
import { IdentityDatabase } from '../../../common/identity-database';
import { FunderNotFoundError } from '../../../common/identity-errors';
import { StaffMailer } from '../../../sign-in/mail/staff-mailer';
import { Funder } from '../../domain/funder';
import { FunderRepository } from '../../infrastructure/funder.repository';
import { FunderSessionRepository } from '../../infrastructure/funder-sessions';

/**
 * The platform operator's funder accounts, one region each: create (with a mail saying where to
 * sign in), list, remove, end every session. Each runs in the region's row-level-security scope.
 */
@Injectable()
export class ManageFundersUseCase {
  constructor(
    private readonly db: IdentityDatabase,
    private readonly funders: FunderRepository,
    private readonly sessions: FunderSessionRepository,
    private readonly mailer: StaffMailer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(region: Region, input: { email: string; name: string }): Promise<Funder> {
    const now = this.clock.now();
    const funder: Funder = {
      region,
      id: uuidv7(),
      email: input.email,
      name: input.name,
      createdAt: now,
      updatedAt: now,
      lastSignInAt: null,
    };
    await this.db.inRegion(region, (manager) => this.funders.insert(manager, funder));
    this.mailer.invite(
      {
        to: funder.email,
        name: funder.name,
        fromName: 'Respire',
        place: `Respire (${REGIONS[region]})`,
        welcome: `Un accès à la vue régionale de Respire vous est ouvert : les bilans des CPTS de la région ${REGIONS[region]}, côte à côte et cumulés.`,
      },
      'funder invitation',
    );
    return funder;
  }

  list(region: Region): Promise<Funder[]> {
    return this.db.inRegion(region, (manager) => this.funders.list(manager, region));
  }

  /** Removes the account; its links and sessions go with it. */
  async remove(region: Region, id: string): Promise<void> {
    const removed = await this.db.inRegion(region, (manager) => this.funders.delete(manager, region, id));
    if (!removed) throw new FunderNotFoundError();
  }

  /** Signs a funder out everywhere: their access tokens lapse within minutes. */
  endSessions(region: Region, id: string): Promise<number> {
    return this.db.inRegion(region, async (manager) => {
      if (!(await this.funders.find(manager, region, id))) throw new FunderNotFoundError();
      return this.sessions.endAllOf(manager, region, id, this.clock.now());
    });
  }
}
