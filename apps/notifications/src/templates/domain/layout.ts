/** What the shared layout shows around every message. */
export interface LayoutContext {
  tenant: { name: string; primaryColor: string; logoUrl: string | null; privacyContact: string | null };
  listeningLines: { name: string; phone: string; description?: string | null }[];
  /** Present on participant messages: where to stop reminders and feedback requests. */
  preferencesUrl: string | null;
  /** A session with a price: the price and how to pay, under every message about it. */
  fee?: { price: string; instructions: string; paymentUrl: string | null } | null;
}

/**
 * One layout for every message, in the tenant's colours, always ending with the listening
 * lines: a health professional reading any message from the CPTS sees where to call if things
 * are hard. The body is the rendered (already escaped) template part.
 */
export const LAYOUT_HTML = `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{subject}}</title>
</head>
<body style="margin:0;padding:0;background:#f4f6f5;font-family:Arial,Helvetica,sans-serif;color:#1f2a27;">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" style="background:#f4f6f5;"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellspacing="0" cellpadding="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:8px;overflow:hidden;">
<tr><td style="background:{{tenant.primaryColor}};padding:16px 24px;color:#ffffff;font-size:18px;font-weight:bold;">
{{#if tenant.logoUrl}}<img src="{{tenant.logoUrl}}" alt="{{tenant.name}}" height="40" style="vertical-align:middle;border:0;"> {{/if}}{{tenant.name}}
</td></tr>
<tr><td style="padding:24px;font-size:15px;line-height:1.5;">
{{{body}}}
</td></tr>
{{#if fee}}<tr><td style="padding:12px 24px;border-top:1px solid #e3e8e6;font-size:14px;line-height:1.5;">
<strong>Participation : {{fee.price}}</strong><br>{{fee.instructions}}{{#if fee.paymentUrl}}<br><a href="{{fee.paymentUrl}}" style="color:{{tenant.primaryColor}};">Payer en ligne</a>{{/if}}
</td></tr>{{/if}}
{{#if listeningLines}}<tr><td style="padding:16px 24px;background:#eef4f2;font-size:13px;line-height:1.5;">
<strong>Besoin de parler ?</strong> Des lignes d'écoute pour les soignant·es, gratuites et confidentielles :
<ul style="margin:8px 0 0 0;padding-left:20px;">{{#each listeningLines}}<li><strong>{{name}}</strong> : {{phone}}{{#if description}} — {{description}}{{/if}}</li>{{/each}}</ul>
</td></tr>{{/if}}
<tr><td style="padding:16px 24px;font-size:12px;color:#5b6b66;line-height:1.4;">
Message envoyé par {{tenant.name}}.{{#if tenant.privacyContact}} Vos données : {{tenant.privacyContact}}.{{/if}}
{{#if preferencesUrl}}<br><a href="{{preferencesUrl}}" style="color:#5b6b66;">Ne plus recevoir les rappels ni les demandes d'avis</a>{{/if}}
</td></tr>
</table>
</td></tr></table>
</body>
</html>
`;

export const LAYOUT_TEXT = `{{tenant.name}}

{{body}}
{{#if fee}}
Participation : {{fee.price}}
{{fee.instructions}}
{{/if}}{{#if listeningLines}}
--
Besoin de parler ? Des lignes d'écoute pour les soignant·es, gratuites et confidentielles :
{{#each listeningLines}}- {{name}} : {{phone}}{{#if description}} ({{description}}){{/if}}
{{/each}}{{/if}}
--
Message envoyé par {{tenant.name}}.{{#if tenant.privacyContact}} Vos données : {{tenant.privacyContact}}.{{/if}}
{{#if preferencesUrl}}Ne plus recevoir les rappels ni les demandes d'avis : {{preferencesUrl}}
{{/if}}`;
