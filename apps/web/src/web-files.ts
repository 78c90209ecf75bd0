import { join } from 'node:path';

/**
 * Where the templates and assets are: beside this file in the sources (apps/web/src), beside
 * main.js once built (the Nest CLI copies views/ and assets/ to dist/apps/web).
 */
export const WEB_FILES = {
  views: join(__dirname, 'views'),
  assets: join(__dirname, 'assets'),
};
