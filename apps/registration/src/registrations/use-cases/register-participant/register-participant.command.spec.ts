import { RegisterParticipantCommand, requestHash } from './register-participant.command';

function command(
  overrides: Partial<RegisterParticipantCommand['participant']> = {},
  sessionId = '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c06',
) {
  return {
    tenant: { slug: 'cpts' },
    sessionId,
    origin: 'public',
    idempotencyKey: 'k',
    participant: {
      email: 'claire@example.org',
      firstName: 'Claire',
      lastName: 'Martin',
      profession: 'infirmier',
      practiceMode: 'liberal',
      postcode: '25000',
      department: '25',
      rpps: null,
      consents: { dataProcessing: true, feedbackRequests: true },
      ...overrides,
    },
  } as RegisterParticipantCommand;
}

describe('the request an Idempotency-Key stands for', () => {
  it('is the same for the same form, whatever the order of the consents', () => {
    expect(requestHash(command({ consents: { feedbackRequests: true, dataProcessing: true } }))).toBe(
      requestHash(command()),
    );
  });

  it('differs when the form or the session differs', () => {
    expect(requestHash(command({ lastName: 'Dupont' }))).not.toBe(requestHash(command()));
    expect(requestHash(command({}, '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c07'))).not.toBe(requestHash(command()));
  });
});
