import { ParticipantPreferences } from './infrastructure/preference.repository';

const escape = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The page a participant lands on from the link in a message: a form, nothing changes on GET. */
export function preferencesPage(token: string, preferences: ParticipantPreferences, saved: boolean): string {
  const checked = (on: boolean) => (on ? ' checked' : '');
  return `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vos préférences de messages</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;max-width:560px;margin:32px auto;padding:0 16px;color:#1f2a27;">
<h1 style="font-size:22px;">Vos préférences de messages</h1>
${saved ? '<p role="status" style="background:#eef4f2;padding:8px 12px;">Vos préférences sont enregistrées.</p>' : ''}
<form method="post" action="/v1/public/preferences">
<input type="hidden" name="t" value="${escape(token)}">
<p><label><input type="checkbox" name="reminders" value="on"${checked(preferences.reminders)}> Recevoir les rappels avant mes séances</label></p>
<p><label><input type="checkbox" name="feedbackRequests" value="on"${checked(preferences.feedbackRequests)}> Recevoir les demandes d'avis après mes séances</label></p>
<p><button type="submit">Enregistrer</button></p>
</form>
<p style="font-size:13px;color:#5b6b66;">Les confirmations d'inscription, les propositions de place et les annulations vous sont toujours envoyées.</p>
</body></html>
`;
}
