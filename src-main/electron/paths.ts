// Pure: where the Electron shell finds its files, packaged or run from the repository.
import { join } from 'node:path';

/** Files the shell needs at start-up. */
export interface ShellPaths {
  migrationsDir: string;
  resourcesDir: string;
  rendererDir: string;
  preloadPath: string;
  iconPath: string;
}

/**
 * Packaged, `appPath` is resources/app.asar (code, renderer, preload) and the migrations and
 * shipped resources sit beside it as extraResources (electron-builder.yml). From the
 * repository, `appPath` is the repository root, which holds everything.
 */
export function shellPaths(env: { isPackaged: boolean; appPath: string; resourcesPath: string }): ShellPaths {
  const filesRoot = env.isPackaged ? env.resourcesPath : env.appPath;
  const resourcesDir = join(filesRoot, 'resources');
  return {
    migrationsDir: join(filesRoot, 'migrations'),
    resourcesDir,
    rendererDir: join(env.appPath, 'out', 'renderer'),
    preloadPath: join(env.appPath, 'out', 'preload', 'preload.js'),
    iconPath: join(resourcesDir, 'icons', 'icon.png'),
  };
}
