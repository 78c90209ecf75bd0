/**
 * Where one kind of account keeps its sign-in links and sessions. Staff accounts are scoped to a
 * tenant (`tenant_id`), funder accounts to a region (`region`); both kinds have the same links and
 * sessions, in tables of their own under their own row-level security, and the same owner
 * functions answering the questions asked before the scope is known.
 */
export interface AccessTables {
  readonly links: 'sign_in_links' | 'funder_sign_in_links';
  readonly sessions: 'staff_sessions' | 'funder_sessions';
  readonly scope: 'tenant_id' | 'region';
  readonly account: 'staff_id' | 'funder_id';
  /** SECURITY DEFINER: marks a link used, returning (scope, account). */
  readonly consumeLink: 'sign_in_link_consume' | 'funder_sign_in_link_consume';
  /** SECURITY DEFINER: the scope a session token belongs to. */
  readonly sessionScope: 'staff_session_tenant' | 'funder_session_region';
}

export const STAFF_ACCESS: AccessTables = {
  links: 'sign_in_links',
  sessions: 'staff_sessions',
  scope: 'tenant_id',
  account: 'staff_id',
  consumeLink: 'sign_in_link_consume',
  sessionScope: 'staff_session_tenant',
};

export const FUNDER_ACCESS: AccessTables = {
  links: 'funder_sign_in_links',
  sessions: 'funder_sessions',
  scope: 'region',
  account: 'funder_id',
  consumeLink: 'funder_sign_in_link_consume',
  sessionScope: 'funder_session_region',
};
