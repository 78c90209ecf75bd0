/** The page asked for does not exist (unknown CPTS, activity, link page): a 404 page. */
export class PageNotFoundError extends Error {
  constructor(readonly reason = 'not found') {
    super(reason);
  }
}

/** A form posted from another site: refused with a 403 page. */
export class ForeignFormError extends Error {
  constructor() {
    super('form posted from another site');
  }
}

/** A participant link past its time (registration answered 410 link_expired): a 410 page with its message. */
export class LinkExpiredPage extends Error {
  constructor(readonly explanation: string) {
    super('link expired');
  }
}
