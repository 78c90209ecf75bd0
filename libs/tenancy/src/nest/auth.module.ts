import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TokenVerifier, TokenVerifierConfig } from '../auth/token-verifier';
import { AuthGuard, TOKEN_VERIFIER } from './auth.guard';

export interface AuthModuleAsyncOptions {
  inject?: (string | symbol | (abstract new (...args: never[]) => unknown))[];
  useFactory: (...args: never[]) => TokenVerifierConfig;
}

@Global()
@Module({})
export class AuthModule {
  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        {
          provide: TOKEN_VERIFIER,
          useFactory: (...args: never[]) => new TokenVerifier(options.useFactory(...args)),
          inject: options.inject ?? [],
        },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TOKEN_VERIFIER],
    };
  }
}
