import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { AccessTokens } from '../../../links/access-token';
import { InvalidLinkError } from '../../../registrations/domain/registration-errors';
import {
  OwnDetails,
  ParticipantRepository,
} from '../../../registrations/infrastructure/participant.repository';
import { ownDetails } from '../read-own-registrations/read-own-registrations.use-case';

/**
 * A participant corrects their own name, profession, practice mode or postcode from the page
 * their mailed link opens: holding the link proves they own the address, which a registration
 * form does not (a form never changes stored details). Registrations already made keep what
 * their events said at the time; the new details count from now on.
 */
@Injectable()
export class UpdateOwnDetailsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: AccessTokens,
    private readonly participants: ParticipantRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(token: string, details: OwnDetails) {
    const now = this.clock.now();
    const { tenantId, participantId } = this.tokens.verify(token, now);
    const updated = await runInTenantTransaction(this.dataSource, tenantId, (manager) =>
      this.participants.updateOwnDetails(manager, tenantId, participantId, details, now),
    );
    if (!updated) throw new InvalidLinkError();
    return ownDetails(updated);
  }
}
