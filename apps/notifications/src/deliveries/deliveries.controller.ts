import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Authenticated, CurrentPrincipal, Principal, Role, runInTenantTransaction } from '@respire/tenancy';
import { DeliveryStatus } from './domain/delivery';
import { deliveryResponse, ListDeliveriesQueryDto } from './dto/deliveries.dto';
import { DeliveryPageDto } from './dto/deliveries.response-schema';
import { DeliveryRepository } from './infrastructure/delivery.repository';

@ApiTags('deliveries')
@Controller('deliveries')
export class DeliveriesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deliveries: DeliveryRepository,
  ) {}

  @Get()
  @Authenticated(Role.Coordinator)
  @ApiOperation({
    summary:
      'The delivery log: every message, newest first, with status, attempts and errors (recipients masked)',
  })
  @ApiOkResponse({ type: DeliveryPageDto })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListDeliveriesQueryDto) {
    const tenantId = principal.tenantId!;
    const page = await runInTenantTransaction(this.dataSource, tenantId, (manager) =>
      this.deliveries.page(manager, tenantId, {
        status: query.status as DeliveryStatus | undefined,
        template: query.template,
        registrationId: query.registrationId,
        before: query.cursor,
        limit: query.limit,
      }),
    );
    return { items: page.items.map(deliveryResponse), nextCursor: page.nextCursor };
  }
}
