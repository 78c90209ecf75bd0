import { escapeHtml } from '@respire/platform';
import { ComposedMail } from '../../sign-in/domain/sign-in-mail';

/**
 * Tells a new team member (or a funder) where to sign in. It carries no secret: the sign-in page
 * mails a link. `welcome` replaces the team sentence (a funder joins no team).
 */
export function composeInvitationMail(input: {
  tenantName: string | null;
  staffName: string;
  signInUrl: string;
  welcome?: string;
}): ComposedMail {
  const where = input.tenantName ?? 'Respire';
  const welcome = input.welcome ?? `Vous faites désormais partie de l’équipe de ${where} sur Respire.`;
  const subject = `Votre accès à l’espace de gestion — ${where}`;
  const text = [
    `Bonjour ${input.staffName},`,
    '',
    welcome,
    `Pour vous connecter, ouvrez ${input.signInUrl} et indiquez cette adresse e-mail : vous recevrez un lien de connexion.`,
    '',
    `— ${where}, via Respire`,
  ].join('\n');
  const html = `<!doctype html><html lang="fr"><body style="font-family:system-ui,sans-serif;line-height:1.5">
<p>Bonjour ${escapeHtml(input.staffName)},</p>
<p>${escapeHtml(welcome)}</p>
<p>Pour vous connecter, ouvrez <a href="${escapeHtml(input.signInUrl)}">${escapeHtml(input.signInUrl)}</a> et indiquez cette adresse e-mail&nbsp;: vous recevrez un lien de connexion.</p>
<p>— ${escapeHtml(where)}, via Respire</p>
</body></html>`;
  return { subject, text, html };
}
