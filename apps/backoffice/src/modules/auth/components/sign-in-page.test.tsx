import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { axeViolations, json, renderPage, stubFetch } from '../../../test/render';
import { SignInPage } from './sign-in-page';

describe('SignInPage', () => {
  it('asks for a complete address, then says to look at the mailbox', async () => {
    const asked: unknown[] = [];
    stubFetch({
      'POST /v1/auth/token': () => json({ error: 'not_signed_in' }, 403),
      'POST /v1/auth/sign-in/request': async (request) => {
        asked.push(await request.json());
        return json(
          { message: 'Si cette adresse correspond à un compte, un lien de connexion vient d’être envoyé.' },
          202,
        );
      },
    });
    const { container } = renderPage(<SignInPage />, { route: '/connexion', path: '/connexion' });
    expect(await axeViolations(container)).toEqual([]);

    await userEvent.type(screen.getByRole('textbox', { name: /Adresse e-mail/ }), 'anne');
    await userEvent.click(screen.getByRole('button', { name: 'Recevoir un lien de connexion' }));
    expect(await screen.findByText(/Saisissez une adresse e-mail complète/)).toBeTruthy();
    expect(asked).toEqual([]);

    await userEvent.type(screen.getByRole('textbox', { name: /Adresse e-mail/ }), '@cpts.fr');
    await userEvent.click(screen.getByRole('button', { name: 'Recevoir un lien de connexion' }));
    expect(await screen.findByText('Consultez votre messagerie')).toBeTruthy();
    expect(asked).toEqual([{ email: 'anne@cpts.fr' }]);
  });
});
