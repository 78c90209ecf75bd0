import { escapeHtml } from '@respire/platform';
export interface SignInMailInput {
  /** The CPTS's name, or null if identity does not know it yet. */
  tenantName: string | null;
  staffName: string;
  link: string;
  validMinutes: number;
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

/** The sign-in mail, in French, naming the CPTS so the person knows which back office it opens. */
export function composeSignInMail(input: SignInMailInput): ComposedMail {
  const where = input.tenantName ?? 'Respire';
  const subject = `Votre lien de connexion — ${where}`;
  const text = [
    `Bonjour ${input.staffName},`,
    '',
    `Pour vous connecter à l’espace de gestion de ${where}, ouvrez ce lien :`,
    input.link,
    '',
    `Il est valable ${input.validMinutes} minutes et ne fonctionne qu’une fois.`,
    'Si vous n’avez pas demandé à vous connecter, ignorez ce message : personne ne peut utiliser votre compte sans ce lien.',
    '',
    `— ${where}, via Respire`,
  ].join('\n');
  const html = `<!doctype html><html lang="fr"><body style="font-family:system-ui,sans-serif;line-height:1.5">
<p>Bonjour ${escapeHtml(input.staffName)},</p>
<p>Pour vous connecter à l’espace de gestion de <strong>${escapeHtml(where)}</strong>, cliquez sur le bouton ci-dessous.</p>
<p><a href="${escapeHtml(input.link)}" style="display:inline-block;padding:10px 18px;background:#1c7c54;color:#fff;border-radius:6px;text-decoration:none">Me connecter</a></p>
<p>Ou copiez ce lien dans votre navigateur&nbsp;: <br>${escapeHtml(input.link)}</p>
<p>Il est valable ${input.validMinutes}&nbsp;minutes et ne fonctionne qu’une fois.<br>
Si vous n’avez pas demandé à vous connecter, ignorez ce message&nbsp;: personne ne peut utiliser votre compte sans ce lien.</p>
<p>— ${escapeHtml(where)}, via Respire</p>
</body></html>`;
  return { subject, text, html };
}

/**
 * The link: the secret travels in the fragment, which browsers never send to a server, so it
 * appears in no access log or Referer; the page posts it once.
 */
export function signInLink(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/$/, '')}/app/connexion/lien#jeton=${token}`;
}

/** The sign-in page an invitation points at (no secret in it). */
export function signInPage(publicBaseUrl: string): string {
  return `${publicBaseUrl.replace(/\/$/, '')}/app/connexion`;
}
