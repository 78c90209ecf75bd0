import { SessionCopy } from './session-copy';

/** A published session as notifications stores its copy, for specs. */
export const storedSession: SessionCopy = {
  tenantId: 't',
  sessionId: 's',
  activityId: 'a',
  title: 'Gestion des émotions',
  confidential: false,
  startsAt: new Date('2026-03-12T18:30:00Z'),
  endsAt: new Date('2026-03-12T20:00:00Z'),
  timezone: 'Europe/Paris',
  venue: { id: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c04', name: 'Le Don du Souffle', address: null },
  facilitatorId: null,
  sequence: 2,
  status: 'published',
  priceCents: 0,
};
