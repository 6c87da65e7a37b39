// Locations of the catalogue resources inside a resources directory (injected by the caller).
import { join } from 'node:path';

/** resources/catalogue/catalogue.json */
export const cataloguePath = (resourcesDir: string): string => join(resourcesDir, 'catalogue', 'catalogue.json');
/** resources/catalogue/routing.json */
export const routingPath = (resourcesDir: string): string => join(resourcesDir, 'catalogue', 'routing.json');
/** resources/divisions/divisions.json */
export const divisionsPath = (resourcesDir: string): string => join(resourcesDir, 'divisions', 'divisions.json');
