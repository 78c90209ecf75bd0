import { applyDecorators, Controller, UseFilters } from '@nestjs/common';
import { RateLimited } from '@respire/platform';
import { PageErrorFilter } from './page-error.filter';

/** A controller of public pages: its errors answered as pages, its requests counted in the `pages` bucket. */
export function PageController(path?: string): ClassDecorator {
  return applyDecorators(
    path === undefined ? Controller() : Controller(path),
    UseFilters(PageErrorFilter),
    RateLimited({ bucket: 'pages' }),
  );
}
