// Validates electron-builder.yml with electron-builder's own loader and JSON-schema validator,
// without building (no Electron download). The loader is internal to app-builder-lib 26.x:
// re-check these two imports when electron-builder is upgraded.
//
// A negative self-check runs first: copies of the config with an unknown key and with a wrong
// type must be rejected, so this script cannot pass by validating nothing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
const { DebugLogger, log } = require('builder-util');

export const PROJECT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CONFIG_FILE = join(PROJECT_DIR, 'electron-builder.yml');

/** Loads a config file as electron-builder does and validates it; returns the error message or null. */
export async function builderConfigError(configFile, projectDir = PROJECT_DIR) {
  const info = log.info;
  log.info = () => {}; // the loader announces every file it loads
  try {
    const config = await getConfig(projectDir, configFile, null);
    await validateConfiguration(config, new DebugLogger(false));
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    log.info = info;
  }
}

/** Proves the validator rejects broken copies of the real config; throws when it does not. */
async function selfCheck(configText) {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-builder-config-'));
  const broken = {
    'an unknown top-level key': `${configText}\nnotAnElectronBuilderOption: true\n`,
    'an unknown nested key': configText.replace(/^nsis:\n/m, 'nsis:\n  oneClik: false\n'),
    'a wrong type': configText.replace(/^asar: true$/m, 'asar: [1, 2]'),
  };
  try {
    for (const [what, text] of Object.entries(broken)) {
      if (text === configText)
        throw new Error(`self-check could not inject ${what}: electron-builder.yml changed shape`);
      const file = join(dir, 'electron-builder.yml');
      writeFileSync(file, text);
      if ((await builderConfigError(file)) === null)
        throw new Error(`self-check failed: a config with ${what} was accepted`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the self-check, then validates electron-builder.yml; throws with the validator's message. */
export async function validateBuilderConfig() {
  await selfCheck(readFileSync(CONFIG_FILE, 'utf8'));
  const error = await builderConfigError(CONFIG_FILE);
  if (error !== null) throw new Error(`electron-builder.yml is invalid:\n${error}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  validateBuilderConfig().then(
    () =>
      console.log(
        `electron-builder.yml is valid (electron-builder's own schema, self-check passed, ${Date.now() - started} ms)`,
      ),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
