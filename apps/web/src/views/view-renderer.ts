import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';

/**
 * The pages' handlebars templates: `layout.hbs` around each page of `pages/`, with the
 * `partials/`. Compiled once at boot; values are HTML-escaped unless a template says otherwise.
 */
export class ViewRenderer {
  private readonly engine = Handlebars.create();
  private readonly pages = new Map<string, Handlebars.TemplateDelegate>();
  private readonly layout: Handlebars.TemplateDelegate;

  constructor(directory: string) {
    this.engine.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    this.engine.registerHelper('tel', (phone: unknown) => String(phone).replace(/[^\d+]/g, ''));
    this.engine.registerHelper(
      'includes',
      (list: unknown, value: unknown) => Array.isArray(list) && list.includes(value),
    );
    for (const file of readdirSync(join(directory, 'partials')).filter((f) => f.endsWith('.hbs'))) {
      this.engine.registerPartial(
        basename(file, '.hbs'),
        readFileSync(join(directory, 'partials', file), 'utf8'),
      );
    }
    for (const file of readdirSync(join(directory, 'pages')).filter((f) => f.endsWith('.hbs'))) {
      this.pages.set(basename(file, '.hbs'), this.compile(join(directory, 'pages', file)));
    }
    this.layout = this.compile(join(directory, 'layout.hbs'));
  }

  /** Where a page's body goes in a rendered layout: random, so no value written in the layout can hold it. */
  private readonly bodyMarker = `<!--${randomUUID()}-->`;

  render(page: string, context: Record<string, unknown>): string {
    const [before, after] = this.layoutAround(context);
    return `${before}${this.renderBody(page, context)}${after}`;
  }

  /** A page's template alone, without the layout. */
  renderBody(page: string, context: Record<string, unknown>): string {
    const template = this.pages.get(page);
    if (!template) throw new Error(`no page template ${page}`);
    return template(context);
  }

  /** The layout as rendered with `context`, in two parts: before and after the page's body. */
  layoutAround(context: Record<string, unknown>): [string, string] {
    const html = this.layout({ ...context, body: this.bodyMarker });
    const at = html.indexOf(this.bodyMarker);
    return [html.slice(0, at), html.slice(at + this.bodyMarker.length)];
  }

  private compile(path: string): Handlebars.TemplateDelegate {
    return this.engine.compile(readFileSync(path, 'utf8'), { strict: false, preventIndent: true });
  }
}
