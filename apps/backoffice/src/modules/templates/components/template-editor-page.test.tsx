import { screen, waitFor } from '@testing-library/react';
import { axeViolations, json, renderPage, stubFetch, tokenRoute, ACCOUNT } from '../../../test/render';
import { TemplateEditorPage } from './template-editor-page';

const detail = {
  key: 'registration-confirmed',
  description: 'Confirmation d’inscription',
  subject: 'Inscription confirmée : {{session.title}}',
  html: '<p>Bonjour {{participant.firstName}}</p>\n<p>{{sesion.title}}</p>',
  text: 'Bonjour {{participant.firstName}}',
  overridden: false,
  updatedAt: null,
  updatedBy: null,
  variables: ['participant.firstName', 'session.title'],
  helpers: ['if', 'unless', 'each', 'with'],
  defaults: { subject: 's', html: 'h', text: 't' },
};

describe('TemplateEditorPage', () => {
  it('shows a mistake under the field it is in, and refuses to save it', async () => {
    stubFetch({
      ...tokenRoute({ ...ACCOUNT, roles: ['coordinator'] }),
      'GET /v1/templates/registration-confirmed': () => json(detail),
      'POST /v1/templates/registration-confirmed/preview': () =>
        json(
          {
            error: 'template-invalid',
            message: 'Le modèle n’est pas valide',
            details: {
              problems: [{ part: 'html', line: 2, column: 6, reason: 'variable inconnue : sesion.title' }],
            },
          },
          400,
        ),
    });
    const { container } = renderPage(<TemplateEditorPage />, {
      route: '/messages/registration-confirmed',
      path: '/messages/:key',
    });

    expect(await screen.findByText('Ligne 2, colonne 6 : variable inconnue : sesion.title')).toBeTruthy();
    const html = screen.getByLabelText('Message (HTML)');
    expect(html.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Enregistrer' }).hasAttribute('disabled')).toBe(true),
    );
    expect(await axeViolations(container)).toEqual([]);
  });

  it('shows the rendered message beside the fields', async () => {
    stubFetch({
      ...tokenRoute({ ...ACCOUNT, roles: ['coordinator'] }),
      'GET /v1/templates/registration-confirmed': () => json(detail),
      'POST /v1/templates/registration-confirmed/preview': () =>
        json({
          key: detail.key,
          subject: 'Inscription confirmée : Cardio boxing',
          html: '<p>Bonjour Claire</p>',
          text: 'Bonjour Claire',
        }),
    });
    renderPage(<TemplateEditorPage />, { route: '/messages/registration-confirmed', path: '/messages/:key' });

    expect(await screen.findByText('Inscription confirmée : Cardio boxing')).toBeTruthy();
    expect(screen.getByTitle('Aperçu du message').getAttribute('srcdoc')).toBe('<p>Bonjour Claire</p>');
  });
});
