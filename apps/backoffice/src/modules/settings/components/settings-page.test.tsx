import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ACCOUNT, json, renderPage, stubFetch, tokenRoute } from '../../../test/render';
import { RequireAccount } from '../../auth/components/require-account';
import { SettingsPage } from './settings-page';

const tenant = {
  id: ACCOUNT.tenantId,
  slug: 'capacites-besancon',
  name: 'CPTS du Grand Besançon',
  timezone: 'Europe/Paris',
  locale: 'fr',
  senderEmail: null,
  branding: {},
  reminderOffsetsMinutes: [2880, 180],
  waitlist: { mode: 'offer', offerTtlMinutes: 1440, offerCutoffMinutes: 120 },
  lateCancellationMinutes: 1440,
  listeningLines: [],
  privacyContact: null,
  embedOrigins: [],
  paymentInstructions: { method: 'on-site', details: null, url: null },
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
};

describe('SettingsPage: how priced sessions are paid', () => {
  it('asks for the payment page of an online payment, then saves the instructions', async () => {
    const saved: unknown[] = [];
    stubFetch({
      ...tokenRoute({ ...ACCOUNT, roles: ['coordinator'] }),
      [`GET /v1/tenants/${ACCOUNT.tenantId}`]: () => json(tenant),
      [`PATCH /v1/tenants/${ACCOUNT.tenantId}`]: async (request) => {
        saved.push(await request.json());
        return json(tenant);
      },
    });
    renderPage(
      <RequireAccount>
        <SettingsPage />
      </RequireAccount>,
      { route: '/parametres', path: '/parametres' },
    );

    await userEvent.click(await screen.findByRole('combobox', { name: /Comment les participants paient/ }));
    await userEvent.click(await screen.findByRole('option', { name: /En ligne/, hidden: true }));
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les paramètres' }));
    expect(await screen.findByText(/L’adresse de la page de paiement/)).toBeTruthy();
    expect(saved).toEqual([]);

    fireEvent.change(screen.getByLabelText(/^Page de paiement/), {
      target: { value: 'https://www.helloasso.com/associations/cpts' },
    });
    fireEvent.change(screen.getByLabelText(/^Précisions/), {
      target: { value: 'Ou en espèces le jour même.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les paramètres' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect((saved[0] as { paymentInstructions: unknown }).paymentInstructions).toEqual({
      method: 'payment-link',
      details: 'Ou en espèces le jour même.',
      url: 'https://www.helloasso.com/associations/cpts',
    });
  });
});
