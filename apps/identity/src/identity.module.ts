import { DynamicModule, Module } from '@nestjs/common';
import { Topic } from '@respire/contracts';
import { ServiceInfrastructureModule } from '@respire/runtime';
import { SessionTokenUseCase } from './auth-sessions/use-cases/session-token/session-token.use-case';
import { CLOCK, systemClock } from '@respire/platform';
import { ACCOUNT_REALMS } from './common/account-realm';
import { IdentityDatabase } from './common/identity-database';
import { FunderRealm } from './funders/funder-realm';
import { FundersController } from './funders/funders.controller';
import { FunderRepository } from './funders/infrastructure/funder.repository';
import {
  FunderSessionRepository,
  FunderSignInLinkRepository,
} from './funders/infrastructure/funder-sessions';
import { ManageFundersUseCase } from './funders/use-cases/manage-funders/manage-funders.use-case';
import { IDENTITY_CONFIG, IdentityEnv } from './config/env.schema';
import { AccessTokenIssuer } from './keys/access-token.issuer';
import { SigningKeySet } from './keys/domain/signing-key-set';
import { loadOrCreateDevSigningKeys } from './keys/infrastructure/dev-signing-keys';
import { SigningKeyRing } from './keys/signing-key-ring';
import { WellKnownController } from './keys/well-known.controller';
import { AuthController } from './sign-in/auth.controller';
import { StaffMailer } from './sign-in/mail/staff-mailer';
import { CompleteSignInUseCase } from './sign-in/use-cases/complete-sign-in/complete-sign-in.use-case';
import { RequestSignInUseCase } from './sign-in/use-cases/request-sign-in/request-sign-in.use-case';
import { StaffRepository } from './staff/infrastructure/staff.repository';
import { StaffSessionRepository, StaffSignInLinkRepository } from './staff/infrastructure/staff-sessions';
import { StaffRealm } from './staff/staff-realm';
import { StaffController } from './staff/staff.controller';
import { TenantStaffController } from './staff/tenant-staff.controller';
import { ManageStaffUseCase } from './staff/use-cases/manage-staff/manage-staff.use-case';
import { CatalogTenantsConsumer } from './tenants/consumers/catalog-tenants.consumer';
import { TenantRepository } from './tenants/infrastructure/tenant.repository';

/** Where the signing keys come from: the operator's Secret, or (development) the database. */
export function signingKeyRingFor(config: IdentityEnv): SigningKeyRing {
  const fromSecret = config.IDENTITY_SIGNING_KEYS;
  if (fromSecret) return new SigningKeyRing(() => SigningKeySet.fromJson(fromSecret));
  const databaseUrl = config.DATABASE_MIGRATION_URL ?? config.DATABASE_URL!;
  return new SigningKeyRing(() => loadOrCreateDevSigningKeys(databaseUrl));
}

@Module({})
export class IdentityModule {
  static forRoot(config: IdentityEnv): DynamicModule {
    const ring = signingKeyRingFor(config);
    return {
      module: IdentityModule,
      imports: [
        ServiceInfrastructureModule.forRoot({
          service: 'identity',
          config,
          entities: [],
          consumes: [Topic.Catalog],
          // It checks the tokens it signed with its own keys (no HTTP round trip to itself) and,
          // outside production, the HS256 tokens of `npm run token`.
          tokenVerifier: {
            kind: 'keys',
            keys: ring.verificationKey,
            devSecret: config.NODE_ENV === 'production' ? undefined : config.JWT_SECRET,
            issuer: config.JWT_ISSUER,
            audience: config.JWT_AUDIENCE,
          },
        }),
      ],
      controllers: [
        AuthController,
        StaffController,
        TenantStaffController,
        FundersController,
        WellKnownController,
      ],
      providers: [
        { provide: IDENTITY_CONFIG, useValue: config },
        { provide: CLOCK, useValue: systemClock },
        { provide: SigningKeyRing, useValue: ring },
        IdentityDatabase,
        TenantRepository,
        StaffRepository,
        StaffSignInLinkRepository,
        StaffSessionRepository,
        FunderRepository,
        FunderSignInLinkRepository,
        FunderSessionRepository,
        StaffRealm,
        FunderRealm,
        {
          provide: ACCOUNT_REALMS,
          useFactory: (staff: StaffRealm, funders: FunderRealm) => [staff, funders],
          inject: [StaffRealm, FunderRealm],
        },
        ManageFundersUseCase,
        StaffMailer,
        AccessTokenIssuer,
        ManageStaffUseCase,
        RequestSignInUseCase,
        CompleteSignInUseCase,
        SessionTokenUseCase,
        CatalogTenantsConsumer,
      ],
    };
  }
}
