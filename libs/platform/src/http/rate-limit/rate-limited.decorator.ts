import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { RATE_LIMIT_OPTIONS, RateLimitGuard, RateLimitOptions } from './rate-limit.guard';

/**
 * Rate limits a public route (or every route of a controller) per client:
 * `@Public() @RateLimited()`. See RateLimitGuard for how clients are counted.
 */
export function RateLimited(options: RateLimitOptions = {}) {
  return applyDecorators(
    SetMetadata(RATE_LIMIT_OPTIONS, options),
    UseGuards(RateLimitGuard),
    ApiTooManyRequestsResponse({
      description: 'Too many requests from this client (PUBLIC_RATE_LIMIT per minute); see Retry-After',
      headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } } },
    }),
  );
}
