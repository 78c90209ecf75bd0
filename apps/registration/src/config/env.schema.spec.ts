import { ConfigError, loadConfig } from '@respire/platform';
import { linkSecretOf, registrationEnvSchema } from './env.schema';

const JWT_SECRET = 'a-development-secret-of-at-least-32-chars';

describe('registration environment', () => {
  it('signs participant links with JWT_SECRET outside production when no link secret is set', () => {
    const config = loadConfig(registrationEnvSchema, { JWT_SECRET }, 'registration');
    expect(linkSecretOf(config)).toBe(JWT_SECRET);
    expect(config.REGISTRATION_SWEEP_INTERVAL_SECONDS).toBe(60);
    expect(config.REGISTRATION_NO_SHOW_DELAY_MINUTES).toBe(120);
  });

  it('prefers REGISTRATION_LINK_SECRET', () => {
    const secret = 'a-link-secret-that-is-at-least-32-chars!';
    const config = loadConfig(
      registrationEnvSchema,
      { JWT_SECRET, REGISTRATION_LINK_SECRET: secret },
      'registration',
    );
    expect(linkSecretOf(config)).toBe(secret);
  });

  it('requires REGISTRATION_LINK_SECRET in production, naming it', () => {
    let error: unknown;
    try {
      loadConfig(
        registrationEnvSchema,
        { NODE_ENV: 'production', JWKS_URL: 'https://idp.example.org/jwks' },
        'registration',
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('REGISTRATION_LINK_SECRET');
  });
});
