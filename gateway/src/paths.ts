// Where the gateway's files are. This module sits in gateway/src/ (development, run by tsx) and is bundled
// into gateway/dist/cli.js (production), so `..` is the gateway package folder either way; the build copies
// the department stylesheet and the reference data (catalogue, divisions) next to the bundle.
import { basename, join, resolve } from 'node:path';

const HERE = __dirname;
const BUILT = basename(HERE) === 'dist';

/** gateway/ (the package folder). */
export const GATEWAY_DIR = resolve(HERE, '..');
/** gateway/migrations. */
export const MIGRATIONS_DIR = join(GATEWAY_DIR, 'migrations');
/** Reference data: the window repository's resources/ in development, dist/resources when built. */
export const RESOURCES_DIR = BUILT ? join(HERE, 'resources') : resolve(HERE, '..', '..', 'resources');
/** The department pages' stylesheet. */
export const STYLE_FILE = BUILT ? join(HERE, 'style.css') : join(HERE, 'department', 'style.css');
