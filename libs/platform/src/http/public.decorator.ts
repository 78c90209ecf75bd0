import { SetMetadata } from '@nestjs/common';

/** Metadata key read by the auth guard (libs/tenancy): a route marked with it needs no token. */
export const PUBLIC_ROUTE = 'respire:public';

/** The route (or every route of the controller) answers without a bearer token. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
