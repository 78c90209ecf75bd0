import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@respire/platform';
import { ASYMMETRIC_ALGORITHMS } from '@respire/tenancy';
import { IDENTITY_CONFIG, IdentityEnv } from '../config/env.schema';
import { SigningKeyRing } from './signing-key-ring';

/**
 * What a verifier needs: the public keys (JWKS_URL points here) and an OIDC discovery document
 * naming them. Served outside /v1, where OIDC clients look.
 */
@ApiTags('keys')
@Public()
@Controller('.well-known')
export class WellKnownController {
  constructor(
    private readonly ring: SigningKeyRing,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityEnv,
  ) {}

  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'The public signing keys (current and previous): the services’ JWKS_URL' })
  async jwks() {
    return (await this.ring.keys()).publicJwks();
  }

  @Get('openid-configuration')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'OIDC discovery: issuer and JWKS location' })
  discovery() {
    const base = this.config.IDENTITY_PUBLIC_BASE_URL.replace(/\/$/, '');
    return {
      issuer: this.config.JWT_ISSUER,
      jwks_uri: `${base}/.well-known/jwks.json`,
      token_endpoint: `${base}/v1/auth/token`,
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ASYMMETRIC_ALGORITHMS.filter(
        (alg) => alg !== 'RS256' && alg !== 'PS256',
      ),
      claims_supported: ['sub', 'tenant_id', 'roles', 'facilitator_id'],
    };
  }
}
