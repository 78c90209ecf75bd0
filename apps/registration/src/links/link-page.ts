import { LinkAction } from './link-token';

type Page = { kind: 'invalid' } | { kind: 'expired'; message: string } | { kind: 'action'; action: LinkAction };

const TEXTS: Record<LinkAction, { title: string; intro: string; button: string }> = {
  cancel: {
    title: 'Annuler mon inscription',
    intro: 'Vous ne pouvez plus venir ? Annulez votre inscription : votre place sera proposée à la personne suivante.',
    button: 'Annuler mon inscription',
  },
  accept: {
    title: 'Une place s’est libérée pour vous',
    intro: 'Une place vous est réservée pour quelques temps. Confirmez pour la prendre.',
    button: 'J’accepte la place',
  },
  decline: {
    title: 'Décliner la place proposée',
    intro: 'Vous ne souhaitez plus venir ? La place sera proposée à la personne suivante.',
    button: 'Je décline la place',
  },
  feedback: {
    title: 'Votre avis sur la séance',
    intro: 'Votre avis nous aide à améliorer les ateliers. Il est enregistré sans votre nom.',
    button: 'Envoyer mon avis',
  },
};

const STYLE = `body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1d2b2a;line-height:1.5}
h1{font-size:1.4rem;color:#2e7d6b}button{background:#2e7d6b;color:#fff;border:0;border-radius:.4rem;padding:.7rem 1.2rem;font-size:1rem;cursor:pointer}
button[disabled]{opacity:.5}fieldset{border:0;padding:0;margin:1rem 0}textarea{width:100%;min-height:6rem}#result{margin-top:1.5rem;font-weight:600}`;

/**
 * The page a participant link opens. It never acts by itself (mail scanners open links): the
 * button POSTs `{token}` to the same address and shows the answer's message.
 */
export function renderLinkPage(page: Page): string {
  if (page.kind === 'invalid') {
    return layout(
      'Lien non valide',
      '<p>Ce lien n’est pas valide. Utilisez le lien reçu par e-mail, sans le modifier, ou contactez votre CPTS.</p>',
    );
  }
  if (page.kind === 'expired') return layout('Lien expiré', `<p>${page.message}</p>`);
  const text = TEXTS[page.action];
  const feedbackFields =
    page.action === 'feedback'
      ? `<fieldset><legend>Votre note (1 = pas du tout satisfait, 5 = très satisfait)</legend>
${[1, 2, 3, 4, 5].map((n) => `<label><input type="radio" name="rating" value="${n}" required> ${n}</label>`).join(' ')}</fieldset>
<p><label for="comment">Un commentaire (facultatif)</label><br><textarea id="comment" name="comment" maxlength="2000"></textarea></p>
<p><label><input type="checkbox" name="quoteConsent"> J’accepte que mon commentaire soit cité, anonymement.</label></p>`
      : '';
  return layout(
    text.title,
    `<p>${text.intro}</p>
<form id="act">${feedbackFields}<button type="submit">${text.button}</button></form>
<p id="result" role="status"></p>
<script>
document.getElementById('act').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.target, button = form.querySelector('button'), result = document.getElementById('result');
  const token = new URLSearchParams(location.search).get('token');
  const body = { token };
  if (form.rating) {
    body.rating = Number(new FormData(form).get('rating'));
    body.comment = form.comment.value || null;
    body.quoteConsent = form.quoteConsent.checked;
  }
  button.disabled = true;
  try {
    const response = await fetch(location.pathname, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer = await response.json().catch(() => ({}));
    result.textContent = answer.message || (response.ok ? 'C’est fait.' : 'Une erreur est survenue, réessayez plus tard.');
    if (response.ok) form.remove(); else button.disabled = false;
  } catch {
    result.textContent = 'Une erreur est survenue, réessayez plus tard.';
    button.disabled = false;
  }
});
</script>`,
  );
}

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title><style>${STYLE}</style></head><body><h1>${title}</h1>${body}</body></html>`;
}
