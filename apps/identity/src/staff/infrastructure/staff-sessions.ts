import { Injectable } from '@nestjs/common';
import { SessionRepository } from '../../auth-sessions/infrastructure/session.repository';
import { STAFF_ACCESS } from '../../common/access-tables';
import { SignInLinkRepository } from '../../sign-in/infrastructure/sign-in-link.repository';

/** Staff sessions (`staff_sessions`). */
@Injectable()
export class StaffSessionRepository extends SessionRepository {
  constructor() {
    super(STAFF_ACCESS);
  }
}

/** Staff sign-in links (`sign_in_links`). */
@Injectable()
export class StaffSignInLinkRepository extends SignInLinkRepository {
  constructor() {
    super(STAFF_ACCESS);
  }
}
