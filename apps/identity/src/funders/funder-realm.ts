import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { REGIONS, Region } from '@respire/contracts';
import { Role } from '@respire/tenancy';
import { AccountPlace, AccountRealm, SignInAccount } from '../common/account-realm';
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
export class FunderRealm implements AccountRealm {
  constructor(
    private readonly db: IdentityDatabase,
    private readonly funders: FunderRepository,
    readonly links: FunderSignInLinkRepository,
    readonly sessions: FunderSessionRepository,
  ) {}

  inScope<T>(region: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.inRegion(region, work);
  }

  accountsByEmail(manager: EntityManager, email: string): Promise<{ scope: string; accountId: string }[]> {
    return this.funders.accountsByEmail(manager, email);
  }

  async find(manager: EntityManager, region: string, id: string): Promise<SignInAccount | null> {
    const funder = await this.funders.find(manager, region, id);
    return funder ? funderAccount(funder) : null;
  }

  markSignedIn(manager: EntityManager, region: string, id: string, at: Date): Promise<void> {
    return this.funders.markSignedIn(manager, region, id, at);
  }

  /** The sign-in mail names the region's space: "Respire (Bourgogne-Franche-Comté)". */
  place(_manager: EntityManager, region: string): Promise<AccountPlace | null> {
    return Promise.resolve({ name: `Respire (${REGIONS[region as Region] ?? region})`, slug: null });
  }
}
