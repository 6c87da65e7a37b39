// A deliberately small template engine for the documents in resources/templates: `{{name}}` is
// HTML-escaped, `{{{name}}}` is inserted as is (fragments this code built and escaped itself),
// `{{> partial}}` includes partials/<partial>.html. A missing value is an error, never a blank.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Values a template is filled with. */
export type TemplateVars = Record<string, string | number>;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** Fills a template text with values. */
export function fillTemplate(name: string, template: string, vars: TemplateVars): string {
  const value = (key: string) => {
    if (!Object.hasOwn(vars, key)) throw new Error(`template ${name}: no value for "${key}"`);
    return vars[key] as string | number;
  };
  return template.replace(
    /\{\{\{\s*([\w.-]+)\s*\}\}\}|\{\{\s*([\w.-]+)\s*\}\}/g,
    (_m, raw: string | undefined, escaped: string | undefined) =>
      raw !== undefined ? String(value(raw)) : escapeHtml(value(escaped as string)),
  );
}

/** Loads templates (and their partials) from a folder once, and fills them. */
export class Templates {
  private readonly cache = new Map<string, string>();

  constructor(private readonly dir: string) {}

  /** The raw text of a file in the templates folder (cached). */
  file(fileName: string): string {
    let text = this.cache.get(fileName);
    if (text === undefined) {
      text = readFileSync(join(this.dir, fileName), 'utf8');
      this.cache.set(fileName, text);
    }
    return text;
  }

  /** Renders `<name>.html` with its partials expanded. */
  render(name: string, vars: TemplateVars): string {
    const text = this.file(`${name}.html`).replace(/\{\{>\s*([\w-]+)\s*\}\}/g, (_m, partial: string) =>
      this.file(join('partials', `${partial}.html`)),
    );
    return fillTemplate(name, text, vars);
  }
}
