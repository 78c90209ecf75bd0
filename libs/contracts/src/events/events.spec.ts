import { z } from 'zod';
import { envelopeSchema } from '../envelope';
import { EventDefinition, eventKey } from '../event-definition';
import { Topic } from '../topics';
import { ALL_EVENTS } from './index';

const TENANT_ID = '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c01';
const CONTEXT_OF_TOPIC: Record<Topic, string> = {
  [Topic.Catalog]: 'catalog',
  [Topic.Registration]: 'registration',
  [Topic.Notifications]: 'notifications',
  [Topic.Surveys]: 'surveys',
};

const byName = ALL_EVENTS.map(
  (definition) => [eventKey(definition.type, definition.version), definition] as const,
);

function exampleOf(definition: EventDefinition): Record<string, unknown> {
  if (definition.example === undefined) throw new Error(`${definition.type} has no example`);
  return structuredClone(definition.example) as Record<string, unknown>;
}

function dataPropertyNames(definition: EventDefinition): string[] {
  const names: string[] = [];
  const walk = (schema: unknown): void => {
    if (schema === null || typeof schema !== 'object') return;
    const node = schema as Record<string, unknown>;
    if (node.properties && typeof node.properties === 'object') {
      for (const [name, child] of Object.entries(node.properties)) {
        names.push(name);
        walk(child);
      }
    }
    for (const key of ['items', 'anyOf', 'oneOf', 'allOf']) {
      const child = node[key];
      if (Array.isArray(child)) child.forEach(walk);
      else walk(child);
    }
  };
  walk(z.toJSONSchema(definition.schema, { io: 'input' }));
  return names;
}

describe('the registered events', () => {
  it('are all distinct (type, version) pairs', () => {
    const keys = byName.map(([key]) => key);

    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(byName)(
    '%s has a type that follows context.[aggregate.]fact and the envelope accepts',
    (_key, definition) => {
      expect(definition.type).toMatch(/^[a-z]+(\.[a-z][a-z-]*)+$/);
      expect(definition.type.split('.').length).toBeLessThanOrEqual(3);
      expect(envelopeSchema.shape.type.safeParse(definition.type).success).toBe(true);
      expect(Number.isInteger(definition.version) && definition.version > 0).toBe(true);
    },
  );

  it.each(byName)('%s is published on the topic of its context', (_key, definition) => {
    expect(definition.type.split('.')[0]).toBe(CONTEXT_OF_TOPIC[definition.topic]);
  });

  it.each(byName)(
    '%s has a description, a documented key and an example its schema accepts',
    (_key, definition) => {
      expect(definition.description.length).toBeGreaterThan(20);
      expect(definition.keyedBy).toBeTruthy();
      const parsed = definition.schema.safeParse(exampleOf(definition));
      expect(parsed.error).toBeUndefined();
    },
  );

  it.each(byName)('%s is frozen', (_key, definition) => {
    expect(Object.isFrozen(definition)).toBe(true);
  });
});

describe('partition keys', () => {
  /** Registration events about a participant rather than one session. */
  const PARTICIPANT_KEYED = ['registration.participant-erased', 'registration.access-link-requested'];

  const sessionEvents = byName.filter(
    ([, definition]) =>
      definition.type.startsWith('catalog.session.') ||
      (definition.topic === Topic.Registration && !PARTICIPANT_KEYED.includes(definition.type)),
  );

  it('cover every session and registration event', () => {
    expect(sessionEvents.length).toBeGreaterThanOrEqual(5 + 10);
  });

  it.each(sessionEvents)(
    '%s is keyed by its sessionId, so one session stays in order',
    (_key, definition) => {
      const data = exampleOf(definition);
      data.sessionId = '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6cff';

      expect(definition.partitionKey(definition.schema.parse(data), TENANT_ID)).toBe(data.sessionId);
      expect(definition.keyedBy).toBe('sessionId');
    },
  );

  it.each(PARTICIPANT_KEYED)('%s is keyed by its participantId', (type) => {
    const definition = ALL_EVENTS.find((d) => d.type === type)!;
    const data = exampleOf(definition);

    expect(definition.partitionKey(definition.schema.parse(data), TENANT_ID)).toBe(data.participantId);
    expect(definition.keyedBy).toBe('participantId');
  });

  it.each(byName.filter(([, definition]) => definition.type.startsWith('catalog.tenant.')))(
    '%s is keyed by its tenantId',
    (_key, definition) => {
      const data = exampleOf(definition);

      expect(definition.partitionKey(definition.schema.parse(data), TENANT_ID)).toBe(data.tenantId);
    },
  );

  it.each(byName.filter(([, definition]) => definition.topic === Topic.Notifications))(
    '%s is keyed by registration, or by delivery when there is none',
    (_key, definition) => {
      const data = exampleOf(definition);
      expect(definition.partitionKey(definition.schema.parse(data), TENANT_ID)).toBe(data.registrationId);

      data.registrationId = null;
      expect(definition.partitionKey(definition.schema.parse(data), TENANT_ID)).toBe(data.deliveryId);
    },
  );
});

describe('personal data in events', () => {
  it.each(byName)(
    '%s never carries RPPS, last name, postcode or phone of a participant',
    (_key, definition) => {
      const names = dataPropertyNames(definition).map((name) => name.toLowerCase());

      expect(names).not.toContain('rpps');
      expect(names).not.toContain('lastname');
      expect(names).not.toContain('postcode');
      if (
        definition.type !== 'catalog.tenant.created' &&
        definition.type !== 'catalog.tenant.settings-changed'
      ) {
        expect(names).not.toContain('phone');
      }
    },
  );

  it('carries an email only in events that make the notifications service write to the participant', () => {
    const withEmail = byName.filter(([, definition]) => dataPropertyNames(definition).includes('email'));

    expect(withEmail.map(([key]) => key).sort()).toEqual([
      'registration.access-link-requested@v1',
      'registration.attended@v1',
      'registration.cancelled@v1',
      'registration.confirmed@v1',
      'registration.offer-expired@v1',
      'registration.offered@v1',
      'registration.repeat-requested@v1',
      'registration.waitlisted@v1',
    ]);
  });

  it('keeps feedback apart from identity', () => {
    const feedback = byName.find(([key]) => key === 'registration.feedback-submitted@v1')?.[1];

    const names = dataPropertyNames(feedback!);

    expect(names).not.toContain('participantId');
    expect(names).not.toContain('registrationId');
    expect(names).not.toContain('email');
  });

  it('masks the recipient of deliveries', () => {
    const sent = byName.find(([key]) => key === 'notifications.delivery-sent@v1')?.[1];

    const parsed = sent!.schema.safeParse({ ...exampleOf(sent!), recipient: 'claire.martin@example.org' });

    expect(parsed.success).toBe(false);
  });
});
