import { parseSenderDomains, senderIdentity } from './sender-policy';

const policy = {
  platformAddress: 'ne-pas-repondre@respire.example.org',
  allowedDomains: parseSenderDomains('cpts-adour=cpts-adour.fr, capacites=capacites.fr')!,
};

describe('sender policy', () => {
  it('sends from the platform address under the CPTS’s name, its own address as Reply-To', () => {
    expect(
      senderIdentity(
        { slug: 'capacites', displayName: 'CaPaciTéS', senderEmail: 'contact@gmail.com' },
        policy,
      ),
    ).toEqual({
      from: { name: 'CaPaciTéS', address: 'ne-pas-repondre@respire.example.org' },
      replyTo: 'contact@gmail.com',
    });
  });

  it('never lets a CPTS send as a domain verified for another one', () => {
    const spoof = senderIdentity(
      { slug: 'capacites', displayName: 'CaPaciTéS', senderEmail: 'Direction@CPTS-Adour.fr' },
      policy,
    );

    expect(spoof.from.address).toBe('ne-pas-repondre@respire.example.org');
    expect(spoof.replyTo).toBe('direction@cpts-adour.fr');
  });

  it('uses an address at a domain the operator verified for this CPTS as the From itself', () => {
    expect(
      senderIdentity(
        { slug: 'cpts-adour', displayName: 'CPTS de l’Adour', senderEmail: 'instant@cpts-adour.fr' },
        policy,
      ),
    ).toEqual({
      from: { name: 'CPTS de l’Adour', address: 'instant@cpts-adour.fr' },
      replyTo: null,
    });
    // A subdomain is another domain: the operator lists it if the relay signs for it.
    expect(
      senderIdentity({ slug: 'cpts-adour', displayName: 'x', senderEmail: 'a@mail.cpts-adour.fr' }, policy)
        .from.address,
    ).toBe('ne-pas-repondre@respire.example.org');
  });

  it('has no Reply-To when the CPTS gave no address, or before its settings are known', () => {
    expect(
      senderIdentity({ slug: null, displayName: 'Votre CPTS', senderEmail: null }, policy).replyTo,
    ).toBeNull();
  });

  it('reads NOTIFICATIONS_SENDER_DOMAINS and refuses what it cannot read', () => {
    expect(parseSenderDomains('')).toEqual({});
    expect(parseSenderDomains('a=a.fr,a=b.fr')).toEqual({ a: ['a.fr', 'b.fr'] });
    for (const bad of [
      'cpts-adour',
      'cpts-adour=',
      '=adour.fr',
      'Adour Sud=adour.fr',
      'a=b=c.fr',
      'a=not a domain',
    ]) {
      expect(parseSenderDomains(bad)).toBeNull();
    }
  });
});
