// Error type thrown by the resource loaders; carries every validation error.
import type { ValidationError } from '@tongban/protocol/catalogue/issues';

/** Thrown when a shipped resource file is missing, not JSON, or fails validation. */
export class ResourceValidationError extends Error {
  constructor(
    readonly file: string,
    readonly errors: readonly ValidationError[],
  ) {
    const preview = errors
      .slice(0, 5)
      .map((e) => `${e.path || '(root)'}: ${e.message}`)
      .join('; ');
    super(`${file}: ${errors.length} error(s): ${preview}${errors.length > 5 ? '; …' : ''}`);
    this.name = 'ResourceValidationError';
  }
}

/** Parses JSON text (tolerating a UTF-8 BOM) into unknown, or a root-level error. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; errors: ValidationError[] } {
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (error) {
    return { ok: false, errors: [{ path: '', message: `invalid JSON: ${(error as Error).message}` }] };
  }
}
