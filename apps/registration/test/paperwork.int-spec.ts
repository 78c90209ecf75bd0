import { v7 as uuidv7 } from 'uuid';
import { Role } from '@respire/tenancy';
import { download, readPdf } from '@respire/testing';
import {
  CatalogFeed,
  coordinator,
  newTenant,
  outboxEvents,
  ownerData,
  participant,
  RegistrationService,
  sessionPublished,
  startRegistration,
  tenantCreated,
  tokenOf,
  waitForSession,
  waitForTenant,
} from './support';

/**
 * The coordinator's paperwork on real PostgreSQL, Kafka and Redis: PDFs rendered by the service
 * and read back with pdf.js; payments recorded through the HTTP API.
 */
describe('attendance sheets, certificates, payments and receipts (real PostgreSQL, Kafka, Redis)', () => {
  let service: RegistrationService;
  let feed: CatalogFeed;
  const tenant = newTenant();
  const other = newTenant();
  const facilitatorId = uuidv7();
  let sessionId: string;
  let token: string;
  const people = {
    zoe: participant(1, { firstName: 'Zoé', lastName: 'Lefèvre', profession: 'infirmier' }),
    francois: participant(2, { firstName: 'François', lastName: 'Çelik', profession: 'kinesitherapeute' }),
    gone: participant(3, { firstName: 'Anaïs', lastName: 'Partie' }),
  };
  const ids: Record<keyof typeof people, string> = { zoe: '', francois: '', gone: '' };

  beforeAll(async () => {
    service = await startRegistration();
    feed = new CatalogFeed(service.kafka);
    await feed.publish(tenantCreated(tenant), tenantCreated(other));
    await waitForTenant(service, tenant.slug);
    await waitForTenant(service, other.slug);
    const event = sessionPublished(tenant.tenantId, {
      startsInMinutes: 30,
      durationMinutes: 90,
      title: 'Gestion des émotions',
      confidential: true,
      facilitatorId,
      facilitatorName: 'Hélène Dürr',
      programmeTitle: 'L’instant des soignants',
      funder: 'ARS Bourgogne-Franche-Comté',
      priceCents: 1500,
      venue: {
        id: uuidv7(),
        name: 'Maison de santé pluriprofessionnelle',
        address: '2 rue de l’Église, 25000 Besançon',
      },
    });
    sessionId = event.data.sessionId;
    await feed.publish(event);
    await waitForSession(service, tenant.tenantId, sessionId);
    token = await coordinator(service, tenant.tenantId);
    for (const key of Object.keys(people) as (keyof typeof people)[]) {
      const answer = await service.request(
        'POST',
        `/v1/public/tenants/${tenant.slug}/sessions/${sessionId}/registrations`,
        { body: people[key] },
      );
      expect(answer.status).toBe(201);
      ids[key] = answer.body.id;
    }
    const cancelled = await service.request('POST', `/v1/registrations/${ids.gone}/cancel`, {
      token,
      body: {},
    });
    expect(cancelled.status).toBe(200);
  });

  afterAll(async () => {
    await feed?.close();
    await service?.close();
  });

  it('prints the feuille d’émargement: CPTS, programme, funder, activity, French date and times, venue, facilitator, one line per confirmed person', async () => {
    const sheet = await download(service.baseUrl, `/v1/sessions/${sessionId}/attendance-sheet.pdf`, token);
    expect(sheet.status).toBe(200);
    expect(sheet.type).toBe('application/pdf');
    const { text, pages } = await readPdf(sheet.bytes);
    expect(pages).toBe(1);
    for (const expected of [
      'CPTS CaPaciTéS Besançon & Métropole',
      'Feuille d’émargement',
      'L’instant des soignants',
      'ARS Bourgogne-Franche-Comté',
      'Gestion des émotions',
      'Maison de santé pluriprofessionnelle, 2 rue de l’Église, 25000 Besançon',
      'Hélène Dürr',
      'LEFÈVRE Zoé Infirmier ou infirmière',
      'ÇELIK François Masseur-kinésithérapeute',
      '2 participants inscrits',
      'Atelier confidentiel',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} [a-zéû]+ \d{4}/);
    expect(text).toMatch(/de \d{2}h\d{2} à \d{2}h\d{2}/);
    expect(text).not.toContain('PARTIE'); // cancelled: not on the sheet
  });

  it('gives the sheet to the session’s facilitator, not to another facilitator nor another CPTS', async () => {
    const own = await service.token(Role.Facilitator, tenant.tenantId, facilitatorId);
    const stranger = await service.token(Role.Facilitator, tenant.tenantId, uuidv7());
    expect(
      (await download(service.baseUrl, `/v1/sessions/${sessionId}/attendance-sheet.pdf`, own)).status,
    ).toBe(200);
    expect(
      (await download(service.baseUrl, `/v1/sessions/${sessionId}/attendance-sheet.pdf`, stranger)).status,
    ).toBe(403);
    const otherCpts = await coordinator(service, other.tenantId);
    expect(
      (await download(service.baseUrl, `/v1/sessions/${sessionId}/attendance-sheet.pdf`, otherCpts)).status,
    ).toBe(404);
    expect((await download(service.baseUrl, `/v1/sessions/${sessionId}/attendance-sheet.pdf`)).status).toBe(
      401,
    );
  });

  it('certifies attendance for who came, to the coordinator and to the participant through their link; not for a no-show', async () => {
    for (const [id, attended] of [
      [ids.zoe, true],
      [ids.francois, false],
    ] as const) {
      const answer = await service.request('POST', `/v1/sessions/${sessionId}/attendance`, {
        token,
        body: { registrationId: id, attended },
      });
      expect(answer.status).toBe(200);
    }
    const certificate = await download(
      service.baseUrl,
      `/v1/registrations/${ids.zoe}/certificate.pdf`,
      token,
    );
    expect(certificate.status).toBe(200);
    const { text } = await readPdf(certificate.bytes);
    expect(text).toContain('Attestation de présence');
    expect(text).toContain(
      'CPTS CaPaciTéS Besançon & Métropole atteste que Zoé Lefèvre (infirmier ou infirmière) a participé',
    );
    expect(text).toContain('Gestion des émotions');
    expect(text).toMatch(/de \d{2}h\d{2} à \d{2}h\d{2} \(1 h 30\)/);

    const refused = await download(
      service.baseUrl,
      `/v1/registrations/${ids.francois}/certificate.pdf`,
      token,
    );
    expect(refused.status).toBe(409);
    expect(JSON.parse(refused.text)).toMatchObject({
      error: 'no_certificate',
      message: expect.stringContaining('présence'),
    });

    const [attendedEvent] = (await outboxEvents(service, 'registration.attended')).filter(
      (e) => e.data.registrationId === ids.zoe,
    );
    const linkToken = tokenOf(attendedEvent.data.links.feedback);
    const own = await download(
      service.baseUrl,
      `/v1/public/registrations/${ids.zoe}/certificate.pdf?token=${linkToken}`,
    );
    expect(own.status).toBe(200);
    expect((await readPdf(own.bytes)).text).toContain('Zoé Lefèvre');
    expect(
      (
        await download(
          service.baseUrl,
          `/v1/public/registrations/${ids.francois}/certificate.pdf?token=${linkToken}`,
        )
      ).status,
    ).toBe(403);
  });

  it('shows who has not paid', async () => {
    const unpaid = await service.request('GET', `/v1/sessions/${sessionId}/payments?state=unpaid`, { token });
    expect(unpaid.status).toBe(200);
    expect(unpaid.body).toMatchObject({
      priceCents: 1500,
      collectedCents: 0,
      paymentInstructions: { method: 'cheque' },
    });
    expect(unpaid.body.registrations.map((r: { lastName: string }) => r.lastName).sort()).toEqual(
      ['Lefèvre', 'Çelik'].sort(),
    );
  });

  it('records a payment sent twice at once, and again later, exactly once', async () => {
    const key = uuidv7();
    const body = { amountCents: 1500, method: 'cheque', paidOn: '2026-12-01', reference: 'Chèque n° 0042' };
    const send = () =>
      service.request('POST', `/v1/registrations/${ids.zoe}/payments`, {
        token,
        body,
        headers: { 'idempotency-key': key },
      });
    const answers = await Promise.all([send(), send()]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(answers[0].body.id).toBe(answers[1].body.id);
    const later = await send();
    expect(later.status).toBe(200);
    expect(later.body).toMatchObject({
      id: answers[0].body.id,
      replayed: true,
      amountCents: 1500,
      receiptNumber: '000001',
    });

    const payments = await service.request('GET', `/v1/sessions/${sessionId}/payments`, { token });
    expect(payments.body.collectedCents).toBe(1500);
    const zoe = payments.body.registrations.find(
      (r: { registrationId: string }) => r.registrationId === ids.zoe,
    );
    expect(zoe).toMatchObject({ paidCents: 1500, state: 'paid' });
    expect(
      (await service.request('GET', `/v1/sessions/${sessionId}/payments?state=unpaid`, { token })).body
        .registrations,
    ).toHaveLength(1);

    const events = (await outboxEvents(service, 'registration.payment-recorded')).filter(
      (e) => e.data.registrationId === ids.zoe,
    );
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({
      amountCents: 1500,
      method: 'cheque',
      paidOn: '2026-12-01',
      sessionId,
    });

    const reused = await service.request('POST', `/v1/registrations/${ids.zoe}/payments`, {
      token,
      body: { ...body, amountCents: 1000 },
      headers: { 'idempotency-key': key },
    });
    expect(reused.status).toBe(422);
    expect(reused.body.error).toBe('idempotency_key_reused');
  });

  it('refuses a payment without a key or with an amount that is not whole cents, in French', async () => {
    const noKey = await service.request('POST', `/v1/registrations/${ids.francois}/payments`, {
      token,
      body: { amountCents: 1500, method: 'cash', paidOn: '2026-12-01' },
    });
    expect(noKey.status).toBe(400);
    expect(noKey.body.message).toContain('Idempotency-Key');
    const float = await service.request('POST', `/v1/registrations/${ids.francois}/payments`, {
      token,
      body: { amountCents: 15.5, method: 'cash', paidOn: '2026-12-01' },
      headers: { 'idempotency-key': uuidv7() },
    });
    expect(float.status).toBe(400);
    expect(JSON.stringify(float.body)).toContain('nombre entier de centimes');
    const otherCpts = await coordinator(service, other.tenantId);
    const foreign = await service.request('POST', `/v1/registrations/${ids.francois}/payments`, {
      token: otherCpts,
      body: { amountCents: 1500, method: 'cash', paidOn: '2026-12-01' },
      headers: { 'idempotency-key': uuidv7() },
    });
    expect(foreign.status).toBe(404);
  });

  it('prints the reçu, voids a payment once, and keeps every change in an append-only history', async () => {
    const recorded = await service.request('POST', `/v1/registrations/${ids.francois}/payments`, {
      token,
      body: { amountCents: 750, method: 'cash', paidOn: '2026-12-01' },
      headers: { 'idempotency-key': uuidv7() },
    });
    expect(recorded.status).toBe(201);
    const paymentId = recorded.body.id;
    const receipt = await download(
      service.baseUrl,
      `/v1/registrations/${ids.francois}/payments/${paymentId}/receipt.pdf`,
      token,
    );
    expect(receipt.status).toBe(200);
    const { text } = await readPdf(receipt.bytes);
    expect(text).toContain(`Reçu n° ${recorded.body.receiptNumber}`);
    expect(text).toContain('François Çelik');
    expect(text).toMatch(/7,50\s€/);
    expect(text).toContain('Espèces');
    expect(text).toContain('1 décembre 2026');

    const voided = await service.request(
      'POST',
      `/v1/registrations/${ids.francois}/payments/${paymentId}/void`,
      { token, body: { reason: 'Saisi deux fois' } },
    );
    expect(voided.status).toBe(200);
    expect(voided.body.voidedAt).not.toBeNull();
    const again = await service.request(
      'POST',
      `/v1/registrations/${ids.francois}/payments/${paymentId}/void`,
      { token, body: {} },
    );
    expect(again.body.replayed).toBe(true);
    expect(
      (await outboxEvents(service, 'registration.payment-voided')).filter(
        (e) => e.data.paymentId === paymentId,
      ),
    ).toHaveLength(1);

    const history = await service.request('GET', `/v1/registrations/${ids.francois}/payments`, { token });
    expect(history.body.history.map((h: { change: string }) => h.change)).toEqual(['recorded', 'voided']);
    const payments = await service.request('GET', `/v1/sessions/${sessionId}/payments`, { token });
    expect(payments.body.collectedCents).toBe(1500);
    expect(
      (
        await readPdf(
          (
            await download(
              service.baseUrl,
              `/v1/registrations/${ids.francois}/payments/${paymentId}/receipt.pdf`,
              token,
            )
          ).bytes,
        )
      ).text,
    ).toContain('PAIEMENT ANNULÉ');

    // The history cannot be rewritten, not even by the table's owner.
    const owner = await ownerData(service);
    await expect(owner.query(`UPDATE payment_history SET actor = 'someone else'`)).rejects.toThrow(
      'append-only',
    );
    await expect(owner.query(`DELETE FROM payment_history`)).rejects.toThrow('append-only');
  });
});
