import { Injectable } from '@nestjs/common';
import { SessionRepository } from '../../auth-sessions/infrastructure/session.repository';
import { FUNDER_ACCESS } from '../../common/access-tables';
import { SignInLinkRepository } from '../../sign-in/infrastructure/sign-in-link.repository';

/** Funder sessions (`funder_sessions`). */
@Injectable()
export class FunderSessionRepository extends SessionRepository {
  constructor() {
    super(FUNDER_ACCESS);
  }
}

/** Funder sign-in links (`funder_sign_in_links`). */
@Injectable()
export class FunderSignInLinkRepository extends SignInLinkRepository {
  constructor() {
    super(FUNDER_ACCESS);
  }
}
