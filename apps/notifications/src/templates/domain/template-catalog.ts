import { TENANT_DEFAULTS } from '@respire/contracts';
import { TemplateKey } from './template-key';
import { VariableSpec } from './variable-spec';

/** The three parts of a message template. */
export interface TemplateSource {
  subject: string;
  html: string;
  text: string;
}

export interface TemplateDefinition {
  key: TemplateKey;
  /** What the message is for (shown to coordinators). */
  description: string;
  /** The participant can turn these off through the preferences link. */
  optOut: 'reminders' | 'feedbackRequests' | null;
  /** The variables the template may use. */
  variables: VariableSpec;
  /** French defaults. */
  defaults: TemplateSource;
  /** Example values for the preview. */
  sample: Record<string, unknown>;
}

const tenant: VariableSpec = { name: 'text', privacyContact: 'text' };
const session: VariableSpec = {
  title: 'text',
  date: 'text',
  shortDate: 'text',
  startTime: 'text',
  endTime: 'text',
  venueName: 'text',
  venueAddress: 'text',
  confidential: 'flag',
};
const listeningLines: VariableSpec = [{ name: 'text', phone: 'text', description: 'text' }];
const participantBase = { tenant, session, listeningLines, participant: { firstName: 'text' } } as const;

const SAMPLE_SESSION = {
  title: 'Pilates & respiration',
  date: 'jeudi 22 janvier 2026',
  shortDate: '22/01',
  startTime: '18h30',
  endTime: '19h30',
  venueName: 'Association Le Don du Souffle',
  venueAddress: '2 rue de l’Exemple, 25000 Besançon',
  confidential: false,
};
const SAMPLE_LINK = 'https://respire.example.org/p/r/exemple';
const sampleBase = {
  tenant: { name: 'CPTS CaPaciTéS Besançon & Métropole', privacyContact: 'dpo@cpts-example.fr' },
  session: SAMPLE_SESSION,
  listeningLines: [
    {
      name: 'SPS',
      phone: '0805 23 23 36',
      description: 'Soins aux professionnels de santé, 24h/24, anonyme',
    },
    { name: 'MOTS', phone: '0608 282 589', description: 'Médecins organisation travail santé' },
  ],
  participant: { firstName: 'Claire' },
};

const WHEN_HTML = `<p><strong>{{session.title}}</strong><br>
{{session.date}}, de {{session.startTime}} à {{session.endTime}}<br>
{{session.venueName}}{{#if session.venueAddress}} — {{session.venueAddress}}{{/if}}</p>`;
const WHEN_TEXT = `{{session.title}}
{{session.date}}, de {{session.startTime}} à {{session.endTime}}
{{session.venueName}}{{#if session.venueAddress}} — {{session.venueAddress}}{{/if}}`;

export const TEMPLATE_CATALOG: Readonly<Record<TemplateKey, TemplateDefinition>> = {
  [TemplateKey.RegistrationConfirmed]: {
    key: TemplateKey.RegistrationConfirmed,
    description: "Inscription confirmée (avec l'invitation calendrier)",
    optOut: null,
    variables: { ...participantBase, links: { cancel: 'text' } },
    defaults: {
      subject: 'Inscription confirmée : {{session.title}} le {{session.shortDate}} à {{session.startTime}}',
      html: `<p>Bonjour {{participant.firstName}},</p>
<p>Votre inscription est confirmée. Une place vous attend :</p>
${WHEN_HTML}
<p>L'invitation jointe ajoute la séance à votre agenda.</p>
<p>Un empêchement ? Libérez votre place pour une autre personne : <a href="{{links.cancel}}">annuler mon inscription</a>.</p>`,
      text: `Bonjour {{participant.firstName}},

Votre inscription est confirmée. Une place vous attend :

${WHEN_TEXT}

L'invitation jointe ajoute la séance à votre agenda.

Un empêchement ? Libérez votre place pour une autre personne : {{links.cancel}}`,
    },
    sample: { ...sampleBase, links: { cancel: `${SAMPLE_LINK}/cancel` } },
  },
  [TemplateKey.OfferAccepted]: {
    key: TemplateKey.OfferAccepted,
    description: "Place acceptée depuis la liste d'attente (avec l'invitation calendrier)",
    optOut: null,
    variables: { ...participantBase, links: { cancel: 'text' } },
    defaults: {
      subject: 'Votre place est confirmée : {{session.title}} le {{session.shortDate}}',
      html: `<p>Bonjour {{participant.firstName}},</p>
<p>Vous avez accepté la place qui s'est libérée : elle est à vous.</p>
${WHEN_HTML}
<p>L'invitation jointe ajoute la séance à votre agenda.</p>
<p>Un empêchement ? <a href="{{links.cancel}}">Annuler mon inscription</a>.</p>`,
      text: `Bonjour {{participant.firstName}},

Vous avez accepté la place qui s'est libérée : elle est à vous.

${WHEN_TEXT}

L'invitation jointe ajoute la séance à votre agenda.

Un empêchement ? Annuler mon inscription : {{links.cancel}}`,
    },
    sample: { ...sampleBase, links: { cancel: `${SAMPLE_LINK}/cancel` } },
  },
  [TemplateKey.RegistrationWaitlisted]: {
    key: TemplateKey.RegistrationWaitlisted,
    description: "Inscription en liste d'attente (avec la position)",
    optOut: null,
    variables: { ...participantBase, waitlist: { position: 'text' }, links: { cancel: 'text' } },
    defaults: {
      subject: "Liste d'attente : {{session.title}} le {{session.shortDate}}",
      html: `<p>Bonjour {{participant.firstName}},</p>
<p>La séance est complète pour le moment. Vous êtes <strong>n° {{waitlist.position}}</strong> sur la liste d'attente :</p>
${WHEN_HTML}
<p>Si une place se libère, nous vous l'écrirons aussitôt.</p>
<p>Vous ne souhaitez plus attendre ? <a href="{{links.cancel}}">Quitter la liste d'attente</a>.</p>`,
      text: `Bonjour {{participant.firstName}},

La séance est complète pour le moment. Vous êtes n° {{waitlist.position}} sur la liste d'attente :

${WHEN_TEXT}

Si une place se libère, nous vous l'écrirons aussitôt.

Quitter la liste d'attente : {{links.cancel}}`,
    },
    sample: { ...sampleBase, waitlist: { position: '3' }, links: { cancel: `${SAMPLE_LINK}/cancel` } },
  },
  [TemplateKey.RegistrationRepeated]: {
    key: TemplateKey.RegistrationRepeated,
    description:
      "Nouvelle demande d'inscription avec une adresse déjà inscrite : rien ne change, la personne apprend où elle en est",
    optOut: null,
    variables: {
      ...participantBase,
      current: { confirmed: 'flag', waitlisted: 'flag', offered: 'flag', position: 'text' },
      links: { cancel: 'text' },
    },
    defaults: {
      subject: 'Vous êtes déjà inscrit·e : {{session.title}} le {{session.shortDate}}',
      html: `<p>Bonjour {{participant.firstName}},</p>
<p>Nous avons reçu une demande d'inscription avec votre adresse pour une séance à laquelle vous êtes déjà inscrit·e. Rien n'a changé :</p>
${WHEN_HTML}
{{#if current.confirmed}}<p>Votre place est confirmée.</p>{{/if}}{{#if current.waitlisted}}<p>Vous êtes <strong>n° {{current.position}}</strong> sur la liste d'attente.</p>{{/if}}{{#if current.offered}}<p>Une place vous est réservée : le message qui vous l'annonce permet de l'accepter.</p>{{/if}}
<p>Si cette demande ne vient pas de vous, vous pouvez ignorer ce message. Un empêchement ? <a href="{{links.cancel}}">Annuler mon inscription</a>.</p>`,
      text: `Bonjour {{participant.firstName}},

Nous avons reçu une demande d'inscription avec votre adresse pour une séance à laquelle vous êtes déjà inscrit·e. Rien n'a changé :

${WHEN_TEXT}
{{#if current.confirmed}}
Votre place est confirmée.
{{/if}}{{#if current.waitlisted}}
Vous êtes n° {{current.position}} sur la liste d'attente.
{{/if}}{{#if current.offered}}
Une place vous est réservée : le message qui vous l'annonce permet de l'accepter.
{{/if}}
Si cette demande ne vient pas de vous, vous pouvez ignorer ce message. Annuler mon inscription : {{links.cancel}}`,
    },
    sample: {
      ...sampleBase,
      current: { confirmed: false, waitlisted: true, offered: false, position: '2' },
      links: { cancel: `${SAMPLE_LINK}/cancel` },
    },
  },
  [TemplateKey.AccessLink]: {
    key: TemplateKey.AccessLink,
    description:
      'Le lien « Mes inscriptions » demandé depuis le programme : la liste des inscriptions en cours, pour les annuler ou corriger ses coordonnées',
    optOut: null,
    variables: {
      tenant,
      listeningLines,
      participant: { firstName: 'text' },
      access: { expiresDate: 'text', expiresTime: 'text' },
      links: { access: 'text' },
    },
    defaults: {
      subject: 'Vos inscriptions auprès de {{tenant.name}}',
      html: `<p>Bonjour {{participant.firstName}},</p>
<p>Vous avez demandé à retrouver vos inscriptions. Ce lien ouvre la liste de vos inscriptions en cours : vous pouvez y annuler une inscription ou corriger vos coordonnées.</p>
<p><a href="{{links.access}}">Voir mes inscriptions</a></p>
<p>Il fonctionne jusqu'au {{access.expiresDate}} à {{access.expiresTime}}. Ne le transférez pas : il donne accès à vos inscriptions.</p>
<p>Si vous n'avez rien demandé, ignorez ce message : rien ne change.</p>`,
      text: `Bonjour {{participant.firstName}},

Vous avez demandé à retrouver vos inscriptions. Ce lien ouvre la liste de vos inscriptions en cours : vous pouvez y annuler une inscription ou corriger vos coordonnées.

Voir mes inscriptions : {{links.access}}

Il fonctionne jusqu'au {{access.expiresDate}} à {{access.expiresTime}}. Ne le transférez pas : il donne accès à vos inscriptions.

Si vous n'avez rien demandé, ignorez ce message : rien ne change.`,
    },
    sample: {
      tenant: sampleBase.tenant,
      listeningLines: sampleBase.listeningLines,
      participant: sampleBase.participant,
      access: { expiresDate: 'mercredi 21 janvier 2026', expiresTime: '10h00' },
      links: { access: 'https://respire.example.org/mes-inscriptions?token=exemple' },
    },
  },
  [TemplateKey.OfferMade]: {
    key: TemplateKey.OfferMade,
    description: "Une place s'est libérée : proposition à accepter avant l'échéance",
    optOut: null,
    variables: {
      ...participantBase,
      offer: { expiresDate: 'text', expiresTime: 'text' },
      links: { accept: 'text', decline: 'text' },
    },
    defaults: {
      subject: 'Une place s’est libérée : {{session.title}} le {{session.shortDate}}',
      html: `<p>Bonjour {{participant.firstName}},</p>
<p>Bonne nouvelle : une place s'est libérée et nous vous la réservons.</p>
${WHEN_HTML}
<p>Elle vous est réservée jusqu'au <strong>{{offer.expiresDate}} à {{offer.expiresTime}}</strong>.</p>
<p><a href="{{links.accept}}">Accepter la place</a> · <a href="{{links.decline}}">Je ne peux pas venir</a></p>`,
      text: `Bonjour {{participant.firstName}},

Bonne nouvelle : une place s'est libérée et nous vous la réservons.

${WHEN_TEXT}

Elle vous est réservée jusqu'au {{offer.expiresDate}} à {{offer.expiresTime}}.

Accepter la place : {{links.accept}}
Je ne peux pas venir : {{links.decline}}`,
    },
    sample: {
      ...sampleBase,
      offer: { expiresDate: 'mercredi 21 janvier 2026', expiresTime: '10h00' },
      links: { accept: `${SAMPLE_LINK}/accept`, decline: `${SAMPLE_LINK}/decline` },
    },
  },
  [TemplateKey.OfferExpired]: {
    key: TemplateKey.OfferExpired,
    description: "La place proposée n'a pas été acceptée à temps",
    optOut: null,
    variables: { ...participantBase, offer: { expiresDate: 'text', expiresTime: 'text' } },
    defaults: {
      subject: 'La place proposée a été libérée : {{session.title}} le {{session.shortDate}}',
      html: `<p>Bonjour {{participant.firstName}},</p>
<p>La place qui vous était réservée jusqu'au {{offer.expiresDate}} à {{offer.expiresTime}} n'a pas été acceptée à temps : elle a été proposée à une autre personne.</p>
${WHEN_HTML}
<p>D'autres séances vous attendent peut-être : n'hésitez pas à consulter le programme.</p>`,
      text: `Bonjour {{participant.firstName}},

La place qui vous était réservée jusqu'au {{offer.expiresDate}} à {{offer.expiresTime}} n'a pas été acceptée à temps : elle a été proposée à une autre personne.

${WHEN_TEXT}

D'autres séances vous attendent peut-être : n'hésitez pas à consulter le programme.`,
    },
    sample: { ...sampleBase, offer: { expiresDate: 'mercredi 21 janvier 2026', expiresTime: '10h00' } },
  },
  [TemplateKey.RegistrationCancelled]: {
    key: TemplateKey.RegistrationCancelled,
    description: "Inscription annulée (par la personne ou l'équipe), avec l'annulation calendrier",
    optOut: null,
    variables: {
      ...participantBase,
      cancellation: { reason: 'text', byParticipant: 'flag', late: 'flag', wasConfirmed: 'flag' },
    },
    defaults: {
      subject: 'Inscription annulée : {{session.title}} le {{session.shortDate}}',
      html: `<p>Bonjour {{participant.firstName}},</p>
{{#if cancellation.byParticipant}}<p>Votre annulation est bien prise en compte{{#if cancellation.wasConfirmed}}, merci d'avoir libéré votre place{{/if}}.</p>{{else}}<p>Votre inscription à la séance suivante a été annulée par l'équipe de la CPTS.</p>{{/if}}
${WHEN_HTML}
{{#if cancellation.reason}}<p>Motif : {{cancellation.reason}}</p>{{/if}}
{{#if cancellation.wasConfirmed}}<p>L'annulation jointe retire la séance de votre agenda.</p>{{/if}}`,
      text: `Bonjour {{participant.firstName}},

{{#if cancellation.byParticipant}}Votre annulation est bien prise en compte{{#if cancellation.wasConfirmed}}, merci d'avoir libéré votre place{{/if}}.{{else}}Votre inscription à la séance suivante a été annulée par l'équipe de la CPTS.{{/if}}

${WHEN_TEXT}
{{#if cancellation.reason}}
Motif : {{cancellation.reason}}
{{/if}}{{#if cancellation.wasConfirmed}}
L'annulation jointe retire la séance de votre agenda.
{{/if}}`,
    },
    sample: {
      ...sampleBase,
      cancellation: { reason: null, byParticipant: true, late: false, wasConfirmed: true },
    },
  },
  [TemplateKey.SessionCancelled]: {
    key: TemplateKey.SessionCancelled,
    description: "La séance est annulée (avec l'annulation calendrier)",
    optOut: null,
    variables: { ...participantBase, cancellation: { reason: 'text', wasConfirmed: 'flag' } },
    defaults: {
      subject: 'Séance annulée : {{session.title}} le {{session.shortDate}}',
      html: `<p>Bonjour {{participant.firstName}},</p>
<p>Nous sommes désolés : la séance suivante est annulée.</p>
${WHEN_HTML}
{{#if cancellation.reason}}<p>{{cancellation.reason}}</p>{{/if}}
<p>Votre inscription est annulée{{#if cancellation.wasConfirmed}} ; l'annulation jointe retire la séance de votre agenda{{/if}}.</p>`,
      text: `Bonjour {{participant.firstName}},

Nous sommes désolés : la séance suivante est annulée.

${WHEN_TEXT}
{{#if cancellation.reason}}
{{cancellation.reason}}
{{/if}}
Votre inscription est annulée{{#if cancellation.wasConfirmed}} ; l'annulation jointe retire la séance de votre agenda{{/if}}.`,
    },
    sample: {
      ...sampleBase,
      cancellation: {
        reason: "L'intervenante est malade ; la séance est reportée à une date ultérieure.",
        wasConfirmed: true,
      },
    },
  },
  [TemplateKey.SessionRescheduled]: {
    key: TemplateKey.SessionRescheduled,
    description: "La séance change d'horaire ou de lieu (invitation calendrier mise à jour)",
    optOut: null,
    variables: {
      ...participantBase,
      previous: { date: 'text', startTime: 'text', endTime: 'text', venueName: 'text' },
      registration: { confirmed: 'flag' },
      links: { cancel: 'text' },
    },
    defaults: {
      subject: 'Changement : {{session.title}} le {{session.shortDate}} à {{session.startTime}}',
      html: `<p>Bonjour {{participant.firstName}},</p>
<p>La séance prévue le {{previous.date}} de {{previous.startTime}} à {{previous.endTime}} ({{previous.venueName}}) change :</p>
${WHEN_HTML}
{{#if registration.confirmed}}<p>Votre place est conservée ; l'invitation jointe met votre agenda à jour.</p>{{/if}}
{{#if links.cancel}}<p>Ce nouvel horaire ne vous convient pas ? <a href="{{links.cancel}}">Annuler mon inscription</a>.</p>{{/if}}`,
      text: `Bonjour {{participant.firstName}},

La séance prévue le {{previous.date}} de {{previous.startTime}} à {{previous.endTime}} ({{previous.venueName}}) change :

${WHEN_TEXT}
{{#if registration.confirmed}}
Votre place est conservée ; l'invitation jointe met votre agenda à jour.
{{/if}}{{#if links.cancel}}
Ce nouvel horaire ne vous convient pas ? Annuler mon inscription : {{links.cancel}}
{{/if}}`,
    },
    sample: {
      ...sampleBase,
      previous: {
        date: 'jeudi 15 janvier 2026',
        startTime: '18h30',
        endTime: '19h30',
        venueName: 'Association Le Don du Souffle',
      },
      registration: { confirmed: true },
      links: { cancel: `${SAMPLE_LINK}/cancel` },
    },
  },
  [TemplateKey.Reminder]: {
    key: TemplateKey.Reminder,
    description: `Rappel avant la séance (aux délais de la CPTS, ${TENANT_DEFAULTS.reminderOffsetsMinutes.map((m) => `${m / 60} h`).join(' et ')} par défaut)`,
    optOut: 'reminders',
    variables: { ...participantBase, reminder: { when: 'text' }, links: { cancel: 'text' } },
    defaults: {
      subject: 'Rappel : {{session.title}} {{reminder.when}}, à {{session.startTime}}',
      html: `<p>Bonjour {{participant.firstName}},</p>
<p>Petit rappel : votre séance a lieu {{reminder.when}}.</p>
${WHEN_HTML}
{{#if links.cancel}}<p>Un empêchement ? Libérez votre place : <a href="{{links.cancel}}">annuler mon inscription</a>.</p>{{/if}}`,
      text: `Bonjour {{participant.firstName}},

Petit rappel : votre séance a lieu {{reminder.when}}.

${WHEN_TEXT}
{{#if links.cancel}}
Un empêchement ? Libérez votre place : {{links.cancel}}
{{/if}}`,
    },
    sample: {
      ...sampleBase,
      reminder: { when: 'dans 3 heures' },
      links: { cancel: `${SAMPLE_LINK}/cancel` },
    },
  },
  [TemplateKey.FeedbackRequest]: {
    key: TemplateKey.FeedbackRequest,
    description: 'Demande d’avis après la séance',
    optOut: 'feedbackRequests',
    variables: { ...participantBase, links: { feedback: 'text', survey: 'text' } },
    defaults: {
      subject: 'Votre avis sur {{session.title}}',
      html: `<p>Bonjour {{participant.firstName}},</p>
<p>Merci d'être venu·e à la séance du {{session.date}}. Comment l'avez-vous vécue ?</p>
<p>Votre avis, anonyme, aide la CPTS à faire évoluer les ateliers : <a href="{{links.feedback}}">donner mon avis</a> (une minute).</p>
{{#if links.survey}}<p>La CPTS mène aussi une enquête anonyme sur le bien-être des soignants : <a href="{{links.survey}}">répondre à l’enquête</a>.</p>{{/if}}`,
      text: `Bonjour {{participant.firstName}},

Merci d'être venu·e à la séance du {{session.date}}. Comment l'avez-vous vécue ?

Votre avis, anonyme, aide la CPTS à faire évoluer les ateliers (une minute) : {{links.feedback}}
{{#if links.survey}}
La CPTS mène aussi une enquête anonyme sur le bien-être des soignants : {{links.survey}}
{{/if}}`,
    },
    sample: {
      ...sampleBase,
      links: {
        feedback: `${SAMPLE_LINK}/feedback`,
        survey:
          'https://respire.example.org/capacites-besancon/enquetes/0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c20',
      },
    },
  },
  [TemplateKey.FacilitatorAttendees]: {
    key: TemplateKey.FacilitatorAttendees,
    description: "Liste des participant·es envoyée à l'intervenant·e la veille",
    optOut: null,
    variables: {
      tenant,
      listeningLines,
      session,
      facilitator: { name: 'text' },
      attendeeCount: 'text',
      attendees: [{ firstName: 'text' }],
    },
    defaults: {
      subject:
        'Votre séance du {{session.shortDate}} à {{session.startTime}} : {{attendeeCount}} participant·es',
      html: `<p>Bonjour {{facilitator.name}},</p>
<p>Voici la liste des personnes inscrites à votre prochaine séance :</p>
${WHEN_HTML}
{{#if attendees}}<ol>{{#each attendees}}<li>{{firstName}}</li>{{/each}}</ol>{{else}}<p>Aucune inscription pour le moment.</p>{{/if}}
<p>Merci de noter les présences après la séance.</p>`,
      text: `Bonjour {{facilitator.name}},

Voici la liste des personnes inscrites à votre prochaine séance :

${WHEN_TEXT}

{{#each attendees}}- {{firstName}}
{{else}}Aucune inscription pour le moment.
{{/each}}
Merci de noter les présences après la séance.`,
    },
    sample: {
      tenant: sampleBase.tenant,
      listeningLines: sampleBase.listeningLines,
      session: SAMPLE_SESSION,
      facilitator: { name: 'Sophie' },
      attendeeCount: '2',
      attendees: [{ firstName: 'Claire' }, { firstName: 'Karim' }],
    },
  },
  [TemplateKey.AlertConfirmation]: {
    key: TemplateKey.AlertConfirmation,
    description: 'Confirmation d’une alerte « nouvelles séances » (double opt-in)',
    optOut: null,
    variables: { tenant, listeningLines, alert: { category: 'text' }, links: { confirm: 'text' } },
    defaults: {
      subject: 'Confirmez votre alerte : {{alert.category}}',
      html: `<p>Bonjour,</p>
<p>Vous avez demandé à être prévenu·e quand de nouvelles séances « {{alert.category}} » sont publiées.</p>
<p><a href="{{links.confirm}}">Confirmer mon alerte</a></p>
<p>Si ce n’est pas vous, ignorez ce message : sans confirmation, vous ne recevrez rien.</p>`,
      text: `Bonjour,

Vous avez demandé à être prévenu·e quand de nouvelles séances « {{alert.category}} » sont publiées.

Confirmer mon alerte : {{links.confirm}}

Si ce n’est pas vous, ignorez ce message : sans confirmation, vous ne recevrez rien.`,
    },
    sample: {
      tenant: sampleBase.tenant,
      listeningLines: sampleBase.listeningLines,
      alert: { category: 'Énergie & Mouvement' },
      links: { confirm: `${SAMPLE_LINK}/alerte` },
    },
  },
  [TemplateKey.NewSessionsDigest]: {
    key: TemplateKey.NewSessionsDigest,
    description: 'Nouvelles séances publiées (un seul message par publication, aux personnes abonnées)',
    optOut: null,
    variables: {
      tenant,
      listeningLines,
      sessionCount: 'text',
      sessions: [
        {
          title: 'text',
          category: 'text',
          date: 'text',
          startTime: 'text',
          endTime: 'text',
          venueName: 'text',
        },
      ],
      links: { programme: 'text', unsubscribe: 'text' },
    },
    defaults: {
      subject: 'Nouvelles séances : {{sessionCount}} à découvrir',
      html: `<p>Bonjour,</p>
<p>De nouvelles séances viennent d’être publiées :</p>
<ul>{{#each sessions}}<li><strong>{{title}}</strong> ({{category}})<br>{{date}}, de {{startTime}} à {{endTime}}{{#if venueName}}<br>{{venueName}}{{/if}}</li>{{/each}}</ul>
<p><a href="{{links.programme}}">Voir le programme et s’inscrire</a></p>
<p>Vous recevez ce message car vous avez demandé ces alertes. <a href="{{links.unsubscribe}}">Ne plus les recevoir</a>.</p>`,
      text: `Bonjour,

De nouvelles séances viennent d’être publiées :

{{#each sessions}}- {{title}} ({{category}}) : {{date}}, de {{startTime}} à {{endTime}}{{#if venueName}}, {{venueName}}{{/if}}
{{/each}}
Voir le programme et s’inscrire : {{links.programme}}

Vous recevez ce message car vous avez demandé ces alertes. Ne plus les recevoir : {{links.unsubscribe}}`,
    },
    sample: {
      tenant: sampleBase.tenant,
      listeningLines: sampleBase.listeningLines,
      sessionCount: '2',
      sessions: [
        {
          title: 'Pilates & respiration',
          category: 'Énergie & Mouvement',
          date: 'jeudi 22 janvier 2026',
          startTime: '18h30',
          endTime: '19h30',
          venueName: 'Le Don du Souffle',
        },
        {
          title: 'Un nouvel atelier',
          category: 'Groupes de parole',
          date: 'mardi 27 janvier 2026',
          startTime: '19h00',
          endTime: '20h30',
          venueName: '',
        },
      ],
      links: {
        programme: 'https://respire.example.org/capacites-besancon',
        unsubscribe: `${SAMPLE_LINK}/desabonnement`,
      },
    },
  },
  [TemplateKey.SessionMessage]: {
    key: TemplateKey.SessionMessage,
    description:
      "Message de l'équipe aux inscrit·es d'une séance (changement de salle, rappel d'apporter un tapis…)",
    optOut: null,
    variables: { ...participantBase, message: { subject: 'text', paragraphs: [{ text: 'text' }] } },
    defaults: {
      subject: '{{message.subject}}',
      html: `<p>Bonjour {{participant.firstName}},</p>
{{#each message.paragraphs}}<p>{{text}}</p>{{/each}}
<p>À propos de la séance :</p>
${WHEN_HTML}`,
      text: `Bonjour {{participant.firstName}},

{{#each message.paragraphs}}{{text}}

{{/each}}À propos de la séance :
${WHEN_TEXT}`,
    },
    sample: {
      ...sampleBase,
      message: {
        subject: 'Changement de salle pour jeudi',
        paragraphs: [
          { text: 'La séance aura lieu salle 2, au premier étage.' },
          { text: 'Pensez à apporter un tapis.' },
        ],
      },
    },
  },
};
