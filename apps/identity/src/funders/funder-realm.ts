import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { REGIONS, Region } from '@respire/contracts';
import { Role } from '@respire/tenancy';
import { AccountPlace, AccountRowsRealm, SignInAccount } from '../common/account-realm';
import { IdentityDatabase } from '../common/identity-database';
import { Funder } from './domain/funder';
import { FunderRepository } from './infrastructure/funder.repository';
import { FunderSessionRepository, FunderSignInLinkRepository } from './infrastructure/funder-sessions';

export const funderAccount = (funder: Funder): SignInAccount => ({
  kind: 'funder',
  id: funder.id,
  email: funder.email,
  name: funder.name,
  roles: [Role.Funder],
  tenantId: null,
  facilitatorId: null,
  region: funder.region,
});

/** Funders (an ARS): the scope is the region code. */
@Injectable()
export class FunderRealm extends AccountRowsRealm<Funder> {
  constructor(
    private readonly db: IdentityDatabase,
    funders: FunderRepository,
    links: FunderSignInLinkRepository,
    sessions: FunderSessionRepository,
  ) {
    super(funders, links, sessions);
  }

  protected signInAccount(funder: Funder): SignInAccount {
    return funderAccount(funder);
  }

  inScope<T>(region: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.inRegion(region, work);
  }

  /** The sign-in mail names the region's space: "Respire (Bourgogne-Franche-Comté)". */
  place(_manager: EntityManager, region: string): Promise<AccountPlace | null> {
    return Promise.resolve({ name: `Respire (${REGIONS[region as Region] ?? region})`, slug: null });
  }
}
