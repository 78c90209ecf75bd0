import { SessionCopy } from '../../sessions/domain/session-copy';

/** What a session document (attendance sheet, certificate) says of the CPTS and the session. */
export interface DocumentSession {
  tenantName: string;
  programmeTitle: string | null;
  activityTitle: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  venue: { name: string; address: string | null };
  facilitatorName: string | null;
}

export function documentSession(tenantName: string | null, session: SessionCopy): DocumentSession {
  return {
    tenantName: tenantName ?? '',
    programmeTitle: session.programmeTitle,
    activityTitle: session.title,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    timezone: session.timezone,
    venue: session.venue,
    facilitatorName: session.facilitatorName,
  };
}
