import { z } from 'zod';
import { regionSchema } from '../../domain-values';
import { DEFAULT_PAYMENT_INSTRUCTIONS, paymentInstructionsSchema } from '../../fees';
import { timezoneSchema } from '../fragments';

/** The national listening lines every CPTS can point to (SPS, MOTS), from the seed articles. */
export const DEFAULT_LISTENING_LINES: { name: string; phone: string; description?: string }[] = [
  {
    name: 'SPS — Soins aux Professionnels de Santé',
    phone: '0805 23 23 36',
    description: '24h/24, 7j/7, gratuit, anonyme et confidentiel',
  },
  { name: 'MOTS — Médecins Organisation Travail Santé', phone: '0608 282 589', description: '24h/24, 7j/7' },
];

/** The colour of a CPTS that gives none (pages and messages). */
export const DEFAULT_PRIMARY_COLOR = '#2e7d6b';

/**
 * What a CPTS gets for every setting it does not give, and what a service assumes until the
 * tenant's event reaches it: the one definition catalog, registration, notifications and the
 * database defaults derive from.
 */
export const TENANT_DEFAULTS = {
  timezone: 'Europe/Paris',
  locale: 'fr',
  /** Reminders 48 h and 3 h before a session. */
  reminderOffsetsMinutes: [2880, 180] as readonly number[],
  waitlist: {
    mode: 'offer' as 'offer' | 'auto-confirm',
    /** An offer holds the freed seat for 24 h… */
    offerTtlMinutes: 1440,
    /** …and always ends at least 2 h before the session. */
    offerCutoffMinutes: 120,
  },
  /** Cancelling less than 24 h before the start is cancelling late. */
  lateCancellationMinutes: 1440,
  listeningLines: DEFAULT_LISTENING_LINES,
  primaryColor: DEFAULT_PRIMARY_COLOR,
  retention: {
    /** A participant with no registration for 24 months is erased… */
    participantMonths: 24,
    /** …and the delivery log forgets messages older than 12 months. */
    deliveryLogMonths: 12,
  },
  /** How participants pay a session with a price: on site unless the CPTS says otherwise. */
  paymentInstructions: DEFAULT_PAYMENT_INSTRUCTIONS,
} as const;

/**
 * A tenant's (CPTS's) settings, carried whole by catalog.tenant.created and
 * catalog.tenant.settings-changed so that a consumer simply replaces what it holds.
 * Part of both v1 contracts: only optional fields may be added.
 */
export const tenantSettingsShape = {
  name: z.string().min(1),
  timezone: timezoneSchema,
  locale: z.string().regex(/^[a-z]{2}(?:-[A-Z]{2})?$/, 'locale must look like fr or fr-FR'),
  senderEmail: z
    .email()
    .nullable()
    .describe(
      "the CPTS's address: the Reply-To of its messages, which come from the platform's address under the CPTS's name; the From itself only at a domain an operator verified for this CPTS. null = no Reply-To",
    ),
  branding: z.object({
    primaryColor: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'primaryColor must be #rrggbb')
      .optional(),
    logoUrl: z.url({ protocol: /^https?$/ }).optional(),
  }),
  reminderOffsetsMinutes: z
    .array(z.number().int().positive())
    .describe(
      `reminders are sent this many minutes before a session starts (default ${TENANT_DEFAULTS.reminderOffsetsMinutes.join(' and ')})`,
    ),
  waitlist: z.object({
    mode: z
      .enum(['offer', 'auto-confirm'])
      .describe('offer: the next person is offered the freed seat; auto-confirm: they are confirmed at once'),
    offerTtlMinutes: z
      .number()
      .int()
      .positive()
      .describe(`how long an offer holds the seat (default ${TENANT_DEFAULTS.waitlist.offerTtlMinutes})`),
    offerCutoffMinutes: z
      .number()
      .int()
      .nonnegative()
      .describe('an offer always expires at least this many minutes before the session starts'),
  }),
  lateCancellationMinutes: z
    .number()
    .int()
    .nonnegative()
    .describe('a participant cancelling less than this many minutes before the start cancels late'),
  listeningLines: z
    .array(
      z.object({
        name: z.string().min(1),
        phone: z.string().min(1),
        description: z.string().optional(),
      }),
    )
    .describe('listening lines shown in messages (e.g. SPS 0805 23 23 36)'),
  privacyContact: z
    .string()
    .min(1)
    .nullable()
    .describe('how to reach the data protection contact (usually an email address), shown in messages'),
  embedOrigins: z
    .array(z.url({ protocol: /^https?$/ }))
    .optional()
    .describe(
      'origins (https://www.cpts-example.fr) of the sites allowed to embed the public pages; absent = none',
    ),
  retention: z
    .object({
      participantMonths: z
        .number()
        .int()
        .min(1)
        .max(120)
        .describe(
          `participants with no registration for this many months are erased (default ${TENANT_DEFAULTS.retention.participantMonths})`,
        ),
      deliveryLogMonths: z
        .number()
        .int()
        .min(1)
        .max(120)
        .describe(
          `the delivery log keeps messages this many months (default ${TENANT_DEFAULTS.retention.deliveryLogMonths})`,
        ),
    })
    .optional()
    .describe('how long personal data is kept (docs/personal-data.md); absent = the defaults'),
  paymentInstructions: paymentInstructionsSchema
    .optional()
    .describe(
      'how participants pay a session with a price (shown with the price on pages and in messages); absent = paid on site',
    ),
  region: regionSchema
    .nullable()
    .optional()
    .describe(
      "the region whose ARS funds the CPTS: its funders see the CPTS's summaries and survey results; absent or null = none yet",
    ),
};

export const TENANT_SETTINGS_EXAMPLE = {
  name: 'CPTS CaPaciTéS Besançon & Métropole',
  timezone: 'Europe/Paris',
  locale: 'fr',
  senderEmail: 'instant-des-soignants@cpts-example.fr',
  branding: { primaryColor: '#2e7d6b' },
  reminderOffsetsMinutes: [2880, 180],
  waitlist: { mode: 'offer' as const, offerTtlMinutes: 1440, offerCutoffMinutes: 120 },
  lateCancellationMinutes: 1440,
  listeningLines: [
    {
      name: 'SPS',
      phone: '0805 23 23 36',
      description: 'Soins aux professionnels de santé, 24h/24, anonyme',
    },
    { name: 'MOTS', phone: '0608 282 589', description: 'Médecins organisation travail santé' },
  ],
  privacyContact: 'dpo@cpts-example.fr',
  embedOrigins: ['https://www.cpts-example.fr'],
  paymentInstructions: { method: 'cheque' as const, details: 'À l’ordre de la CPTS CaPaciTéS.', url: null },
  region: 'bourgogne-franche-comte' as const,
};
