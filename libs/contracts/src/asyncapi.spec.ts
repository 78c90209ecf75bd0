import { asyncApiMessageId, buildAsyncApiDocument } from './asyncapi';
import { ALL_EVENTS } from './events';
import { ALL_TOPICS, deadLetterTopic, EventHeader } from './topics';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function resolve(document: Json, ref: string): unknown {
  expect(ref.startsWith('#/')).toBe(true);
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (node as Json | undefined)?.[part], document);
}

describe('buildAsyncApiDocument', () => {
  const document = buildAsyncApiDocument() as Json;

  it('is an AsyncAPI 3.0.0 document', () => {
    expect(document.asyncapi).toBe('3.0.0');
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
  });

  it('has a message for every registered event, named type + version', () => {
    for (const definition of ALL_EVENTS) {
      const message = document.components.messages[asyncApiMessageId(definition)];

      expect(message).toBeDefined();
      expect(message.name).toBe(`${definition.type}.v${definition.version}`);
      expect(message.payload.properties.type.const).toBe(definition.type);
      expect(message.payload.properties.version.const).toBe(definition.version);
      expect(message.payload.properties.data.type).toBe('object');
      expect(message.headers.properties[EventHeader.Type].const).toBe(definition.type);
      expect(message.headers.properties[EventHeader.Version].const).toBe(String(definition.version));
    }
  });

  it('puts every event on the channel of its topic and in the send operation of its producer', () => {
    for (const definition of ALL_EVENTS) {
      const id = asyncApiMessageId(definition);
      const [channelId, channel] = Object.entries(document.channels as Json).find(
        ([, candidate]) => candidate.address === definition.topic,
      )!;

      expect(channel.messages[id]).toEqual({ $ref: `#/components/messages/${id}` });
      const sends = Object.values(document.operations as Json).filter(
        (operation) => operation.action === 'send' && operation.channel.$ref === `#/channels/${channelId}`,
      );
      expect(sends.flatMap((operation) => operation.messages.map((m: Json) => m.$ref))).toContain(
        `#/channels/${channelId}/messages/${id}`,
      );
    }
  });

  it('describes every topic and its dead-letter topic', () => {
    const addresses = Object.values(document.channels as Json).map((channel) => channel.address);

    for (const topic of ALL_TOPICS) {
      expect(addresses).toContain(topic);
      expect(addresses).toContain(deadLetterTopic(topic));
    }
  });

  it('has no dangling reference', () => {
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref' && typeof value === 'string') refs.push(value);
          else walk(value);
        }
      }
    };
    walk(document);

    expect(refs.length).toBeGreaterThan(ALL_EVENTS.length);
    for (const ref of refs) expect(resolve(document, ref)).toBeDefined();
  });

  it('does not depend on the order the events are registered in', () => {
    const reversed = buildAsyncApiDocument([...ALL_EVENTS].reverse());

    expect(JSON.stringify(reversed)).toBe(JSON.stringify(document));
  });

  it('tags the messages that carry personal data or participant links', () => {
    const confirmed = document.components.messages['registration.confirmed.v1'];
    const noShow = document.components.messages['registration.no-show.v1'];

    expect(confirmed.tags.map((tag: Json) => tag.name)).toEqual(['personal-data', 'participant-links']);
    expect(noShow.tags).toBeUndefined();
  });
});
