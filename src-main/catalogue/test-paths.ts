// Resolves the repository's resources directory for tests.
import { fileURLToPath } from 'node:url';

/** Absolute path of <repo>/resources. */
export const RESOURCES_DIR = fileURLToPath(new URL('../../resources', import.meta.url));
