import Handlebars from 'handlebars';
import { TemplateSource } from './template-catalog';
import { LAYOUT_HTML, LAYOUT_TEXT, LayoutContext } from './layout';

export interface RenderedMessage {
  subject: string;
  html: string;
  text: string;
}

/** An isolated Handlebars: the four allowed block helpers, nothing registered globally, no prototype access. */
const handlebars = Handlebars.create();
handlebars.unregisterHelper('log');
handlebars.unregisterHelper('lookup');

const KNOWN_HELPERS = { if: true, unless: true, each: true, with: true, log: false, lookup: false };
const RUNTIME_OPTIONS: Handlebars.RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
};
const MAX_CACHED = 500;
const MAX_SUBJECT = 250;

type Mode = 'html' | 'text';

/**
 * Renders a message: the template's subject, HTML and text parts with the message's variables,
 * each body then wrapped in the shared layout (tenant branding, listening lines, privacy
 * contact, preferences link). HTML parts escape every variable; text parts and the subject are
 * not HTML and print values as they are. Compiled templates are cached by their source.
 */
export class TemplateRenderer {
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();

  render(source: TemplateSource, context: Record<string, unknown>, layout: LayoutContext): RenderedMessage {
    const subject = this.compile(source.subject, 'text')(context, RUNTIME_OPTIONS)
      .replace(/\s+/g, ' ')
      .trim();
    const htmlBody = this.compile(source.html, 'html')(context, RUNTIME_OPTIONS);
    const textBody = this.compile(source.text, 'text')(context, RUNTIME_OPTIONS);
    return {
      subject: subject.length > MAX_SUBJECT ? `${subject.slice(0, MAX_SUBJECT - 1)}…` : subject,
      html: this.compile(LAYOUT_HTML, 'html')({ ...layout, subject, body: htmlBody }, RUNTIME_OPTIONS),
      text: tidyText(
        this.compile(LAYOUT_TEXT, 'text')({ ...layout, body: tidyText(textBody) }, RUNTIME_OPTIONS),
      ),
    };
  }

  private compile(source: string, mode: Mode): Handlebars.TemplateDelegate {
    // The source itself is the key (a Map hashes strings once): no digest per render.
    const key = `${mode}\0${source}`;
    let template = this.compiled.get(key);
    if (!template) {
      template = handlebars.compile(source, {
        noEscape: mode === 'text',
        strict: false,
        knownHelpers: KNOWN_HELPERS,
        knownHelpersOnly: true,
      });
      if (this.compiled.size >= MAX_CACHED) this.compiled.delete(this.compiled.keys().next().value!);
      this.compiled.set(key, template);
    }
    return template;
  }
}

/** Plain text: no trailing spaces, at most one blank line in a row. */
function tidyText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .concat('\n');
}
