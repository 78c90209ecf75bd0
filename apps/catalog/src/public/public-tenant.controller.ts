import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, RateLimited } from '@respire/platform';
import { publicTenantResponse } from '../tenants/dto/tenant.response.dto';
import { ReadTenantsUseCase } from '../tenants/use-cases/read-tenants/read-tenants.use-case';

/** What the public pages show of a CPTS: name, branding, listening lines, privacy contact, embedding sites. */
@ApiTags('public')
@Controller('public/tenants/:slug')
@Public()
@RateLimited()
export class PublicTenantController {
  constructor(private readonly tenants: ReadTenantsUseCase) {}

  @Get()
  @ApiOperation({
    summary:
      "A CPTS's public face: name, locale, branding, listening lines, privacy contact, sites allowed to embed its pages",
  })
  @ApiNotFoundResponse({ description: 'unknown CPTS' })
  async get(@Param('slug') slug: string) {
    return publicTenantResponse(await this.tenants.bySlug(slug));
  }
}
