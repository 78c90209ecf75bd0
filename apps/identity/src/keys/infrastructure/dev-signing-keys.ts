import { Client } from 'pg';
import { SigningKeySet } from '../domain/signing-key-set';

/**
 * Development only: the signing key is generated at first boot and kept in the identity database
 * (table dev_signing_keys), so restarts and replicas share it and tokens survive a restart.
 * Production reads IDENTITY_SIGNING_KEYS (config validation refuses to boot without it).
 */
export async function loadOrCreateDevSigningKeys(databaseUrl: string): Promise<SigningKeySet> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const candidate = await SigningKeySet.generateJwk('ES256', `dev-${Date.now().toString(36)}`);
    await client.query(
      `INSERT INTO dev_signing_keys (id, private_jwk) VALUES ('current', $1) ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(candidate)],
    );
    const { rows } = await client.query<{ private_jwk: string }>(
      `SELECT private_jwk::text FROM dev_signing_keys WHERE id = 'current'`,
    );
    return SigningKeySet.fromJwks([JSON.parse(rows[0].private_jwk)]);
  } finally {
    await client.end();
  }
}
