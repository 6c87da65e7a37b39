import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellPaths } from './paths';

describe('shell paths', () => {
  it('packaged: code from the asar, migrations and resources beside it', () => {
    const paths = shellPaths({
      isPackaged: true,
      appPath: join('/opt/app/resources', 'app.asar'),
      resourcesPath: '/opt/app/resources',
    });
    expect(paths).toEqual({
      migrationsDir: join('/opt/app/resources', 'migrations'),
      resourcesDir: join('/opt/app/resources', 'resources'),
      rendererDir: join('/opt/app/resources/app.asar', 'out', 'renderer'),
      preloadPath: join('/opt/app/resources/app.asar', 'out', 'preload', 'preload.js'),
      iconPath: join('/opt/app/resources', 'resources', 'icons', 'icon.png'),
    });
  });

  it('from the repository: everything under the repository root', () => {
    const paths = shellPaths({
      isPackaged: false,
      appPath: '/repo',
      resourcesPath: '/repo/node_modules/electron/dist/resources',
    });
    expect(paths.migrationsDir).toBe(join('/repo', 'migrations'));
    expect(paths.resourcesDir).toBe(join('/repo', 'resources'));
    expect(paths.rendererDir).toBe(join('/repo', 'out', 'renderer'));
    expect(paths.preloadPath).toBe(join('/repo', 'out', 'preload', 'preload.js'));
  });
});
