import {
  createEvent,
  EventEnvelope,
  FEEDBACK_SUBMITTED_V1,
  REGISTRATION_ACCESS_LINK_REQUESTED_V1,
  REGISTRATION_ATTENDED_V1,
  REGISTRATION_CANCELLED_V1,
  REGISTRATION_CONFIRMED_V1,
  REGISTRATION_NO_SHOW_V1,
  REGISTRATION_OFFER_ACCEPTED_V1,
  REGISTRATION_OFFER_DECLINED_V1,
  REGISTRATION_OFFER_EXPIRED_V1,
  REGISTRATION_OFFERED_V1,
  REGISTRATION_REPEAT_REQUESTED_V1,
  REGISTRATION_WAITLISTED_V1,
} from '@respire/contracts';
import { linkExpiresAt } from '../../links/link-expiry';
import { ParticipantLinks } from '../../links/link-token';
import { SessionCopy } from '../../sessions/domain/session-copy';
import { CancelledBy, ConfirmedVia } from '../domain/registration-status';
import { RegistrationView } from '../domain/registration-view';

export const EVENT_SOURCE = 'registration';

/** Correlation of the events one piece of work writes (a request, a job, a consumed event). */
export interface EventCause {
  correlationId?: string;
  causationId?: string | null;
}

/**
 * Builds the registration events exactly as libs/contracts defines them: a session snapshot,
 * the recipient and links where the participant is written to, nothing more.
 */
export class RegistrationEvents {
  constructor(private readonly links: ParticipantLinks) {}

  confirmed(
    r: RegistrationView,
    session: SessionCopy,
    via: ConfirmedVia,
    at: Date,
    cause: EventCause = {},
  ): EventEnvelope {
    return createEvent(
      REGISTRATION_CONFIRMED_V1,
      {
        ...ids(r),
        ...recipient(r),
        profession: r.profession,
        practiceMode: r.practiceMode,
        department: r.department,
        via,
        session: snapshot(session),
        links: { cancel: this.links.url(r.tenantId, r.id, 'cancel', linkExpiresAt('cancel', session)) },
      },
      options(r, at, cause),
    );
  }

  /**
   * Both events a newcomer's registration may write, built before the write (register_newcomer
   * picks one under the lock and sets the waitlisted one's position there): the same registration,
   * so one cancel link and one session snapshot for both.
   */
  newcomer(
    r: RegistrationView,
    session: SessionCopy,
    via: ConfirmedVia,
    at: Date,
    cause: EventCause = {},
  ): { confirmed: EventEnvelope; waitlisted: EventEnvelope } {
    const shared = {
      ...ids(r),
      ...recipient(r),
      session: snapshot(session),
      links: { cancel: this.links.url(r.tenantId, r.id, 'cancel', linkExpiresAt('cancel', session)) },
    };
    const envelope = options(r, at, cause);
    return {
      confirmed: createEvent(
        REGISTRATION_CONFIRMED_V1,
        {
          ...shared,
          profession: r.profession,
          practiceMode: r.practiceMode,
          department: r.department,
          via,
        },
        envelope,
      ),
      waitlisted: createEvent(REGISTRATION_WAITLISTED_V1, { ...shared, position: 1 }, envelope),
    };
  }

  waitlisted(
    r: RegistrationView,
    session: SessionCopy,
    position: number,
    at: Date,
    cause: EventCause = {},
  ): EventEnvelope {
    return createEvent(
      REGISTRATION_WAITLISTED_V1,
      {
        ...ids(r),
        ...recipient(r),
        position,
        session: snapshot(session),
        links: { cancel: this.links.url(r.tenantId, r.id, 'cancel', linkExpiresAt('cancel', session)) },
      },
      options(r, at, cause),
    );
  }

  /** `r` is the registration the participant already holds (its current status and position). */
  repeatRequested(
    r: RegistrationView,
    session: SessionCopy,
    at: Date,
    cause: EventCause = {},
  ): EventEnvelope {
    const status = r.status;
    if (status !== 'confirmed' && status !== 'waitlisted' && status !== 'offered') {
      throw new Error(`a ${status} registration is not held`);
    }
    return createEvent(
      REGISTRATION_REPEAT_REQUESTED_V1,
      {
        ...ids(r),
        ...recipient(r),
        status,
        position: status === 'waitlisted' ? r.waitlistPosition : null,
        session: snapshot(session),
        links: { cancel: this.links.url(r.tenantId, r.id, 'cancel', linkExpiresAt('cancel', session)) },
      },
      options(r, at, cause),
    );
  }

  offered(
    r: RegistrationView,
    session: SessionCopy,
    expiresAt: Date,
    at: Date,
    cause: EventCause = {},
  ): EventEnvelope {
    return createEvent(
      REGISTRATION_OFFERED_V1,
      {
        ...ids(r),
        ...recipient(r),
        offerExpiresAt: expiresAt.toISOString(),
        session: snapshot(session),
        links: {
          accept: this.links.url(
            r.tenantId,
            r.id,
            'accept',
            linkExpiresAt('accept', { ...session, offerExpiresAt: expiresAt }),
          ),
          decline: this.links.url(
            r.tenantId,
            r.id,
            'decline',
            linkExpiresAt('decline', { ...session, offerExpiresAt: expiresAt }),
          ),
        },
      },
      options(r, at, cause),
    );
  }

  offerAccepted(r: RegistrationView, at: Date, cause: EventCause = {}): EventEnvelope {
    return createEvent(REGISTRATION_OFFER_ACCEPTED_V1, ids(r), options(r, at, cause));
  }

  offerDeclined(r: RegistrationView, at: Date, cause: EventCause = {}): EventEnvelope {
    return createEvent(REGISTRATION_OFFER_DECLINED_V1, ids(r), options(r, at, cause));
  }

  offerExpired(r: RegistrationView, session: SessionCopy, at: Date, cause: EventCause = {}): EventEnvelope {
    return createEvent(
      REGISTRATION_OFFER_EXPIRED_V1,
      {
        ...ids(r),
        ...recipient(r),
        offerExpiresAt: (r.offerExpiresAt ?? at).toISOString(),
        session: snapshot(session),
      },
      options(r, at, cause),
    );
  }

  cancelled(
    r: RegistrationView,
    session: SessionCopy,
    details: {
      by: CancelledBy;
      reason: string | null;
      lateCancellation: boolean;
      minutesBeforeStart: number;
    },
    at: Date,
    cause: EventCause = {},
  ): EventEnvelope {
    const previousStatus = r.status;
    if (previousStatus !== 'confirmed' && previousStatus !== 'waitlisted' && previousStatus !== 'offered') {
      throw new Error(`a ${previousStatus} registration cannot be cancelled`);
    }
    return createEvent(
      REGISTRATION_CANCELLED_V1,
      {
        ...ids(r),
        ...recipient(r),
        previousStatus,
        by: details.by,
        reason: details.reason,
        lateCancellation: details.lateCancellation,
        minutesBeforeStart: details.minutesBeforeStart,
        session: snapshot(session),
      },
      options(r, at, cause),
    );
  }

  attended(r: RegistrationView, session: SessionCopy, at: Date, cause: EventCause = {}): EventEnvelope {
    return createEvent(
      REGISTRATION_ATTENDED_V1,
      {
        ...ids(r),
        ...recipient(r),
        session: snapshot(session),
        links: { feedback: this.links.url(r.tenantId, r.id, 'feedback', linkExpiresAt('feedback', session)) },
      },
      options(r, at, cause),
    );
  }

  noShow(r: RegistrationView, at: Date, cause: EventCause = {}): EventEnvelope {
    return createEvent(REGISTRATION_NO_SHOW_V1, ids(r), options(r, at, cause));
  }

  /** A "my registrations" link for a known address (subject: the participant). */
  accessLinkRequested(
    tenantId: string,
    participant: { id: string; email: string; firstName: string },
    link: { url: string; expiresAt: Date },
    at: Date,
    cause: EventCause = {},
  ): EventEnvelope {
    return createEvent(
      REGISTRATION_ACCESS_LINK_REQUESTED_V1,
      {
        participantId: participant.id,
        email: participant.email,
        firstName: participant.firstName,
        link: link.url,
        expiresAt: link.expiresAt.toISOString(),
      },
      {
        tenantId,
        source: EVENT_SOURCE,
        subject: participant.id,
        occurredAt: at,
        correlationId: cause.correlationId,
        causationId: cause.causationId ?? null,
      },
    );
  }

  /** Names no participant or registration: subject is the feedback id, causation null. */
  feedbackSubmitted(
    tenantId: string,
    feedback: {
      id: string;
      sessionId: string;
      activityId: string;
      rating: number;
      comment: string | null;
      quoteConsent: boolean;
    },
    at: Date,
    correlationId?: string,
  ): EventEnvelope {
    return createEvent(
      FEEDBACK_SUBMITTED_V1,
      {
        feedbackId: feedback.id,
        sessionId: feedback.sessionId,
        activityId: feedback.activityId,
        rating: feedback.rating,
        comment: feedback.comment,
        quoteConsent: feedback.quoteConsent,
      },
      {
        tenantId,
        source: EVENT_SOURCE,
        subject: feedback.id,
        occurredAt: at,
        causationId: null,
        correlationId,
      },
    );
  }
}

function ids(r: RegistrationView) {
  return { registrationId: r.id, sessionId: r.sessionId, participantId: r.participantId };
}

function recipient(r: RegistrationView) {
  return { email: r.email, firstName: r.firstName };
}

export function snapshot(session: SessionCopy) {
  return {
    title: session.title,
    confidential: session.confidential,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    timezone: session.timezone,
    venue: session.venue,
    sequence: session.sequence,
  };
}

function options(r: RegistrationView, at: Date, cause: EventCause) {
  return {
    tenantId: r.tenantId,
    source: EVENT_SOURCE,
    subject: r.id,
    occurredAt: at,
    correlationId: cause.correlationId,
    causationId: cause.causationId ?? null,
  };
}
