import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'tongban/layers').map((m) => m.message);
}

describe('the layering lint rule', () => {
  it.each([
    ['src-main/common/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src-main/common/x.ts', "import Database from 'better-sqlite3';"],
    ['src-main/common/x.ts', "import { openDatabase } from '../db/open';"],
    ['src-main/db/x.ts', "import { app } from 'electron';"],
    ['src-main/db/x.ts', "import { createMainWindow } from '../electron/window-options';"],
    ['src-main/host/x.ts', "import { app } from 'electron';"],
    ['src-main/electron/x.ts', "import React from 'react';"],
    ['src-renderer/x.ts', "import { openDatabase } from '../src-main/db/open';"],
    ['src-renderer/x.ts', "import { readFileSync } from 'fs';"],
    ['src-renderer/x.ts', "const e = require('electron');"],
    ['gateway/src/x.ts', "import { AuditLog } from '../../src-main/audit/audit-log';"],
    // Upward imports: services may not reach the composition, common may not reach services.
    ['src-main/sync/x.ts', "import { createApp } from '../app/app';"],
    ['src-main/cases/x.ts', "import type { Gate } from '../app/gate';"],
    ['src-main/common/x.ts', "import { CasesRepo } from '../cases/cases-repo';"],
    ['src-main/app/x.ts', "import { createMainWindow } from '../electron/window-options';"],
    ['src-main/app/x.ts', "import { startServer } from '../host/server';"],
    // Production code may not use test support.
    ['src-main/cases/x.ts', "import { testApp } from '../testing/test-app';"],
    ['src-main/app/x.ts', "import { REPO_ROOT } from '../testing/repo-root';"],
    // The alias is a path like any other.
    ['src-renderer/x.ts', "import { openDatabase } from '@common/../db/open';"],
    ['src-main/common/x.ts', "import { x } from '@common/../sync/sync-engine';"],
    // The gateway shares only the protocol package; the package is pure.
    ['gateway/src/x.ts', "import { commands } from '../../src-main/common/contract';"],
    ['gateway/src/x.ts', "import { commands } from '@common/contract';"],
    ['packages/protocol/src/x.ts', "import { readFileSync } from 'node:fs';"],
    ['packages/protocol/src/x.ts', "import { commands } from '../../../src-main/common/contract';"],
    ['packages/protocol/src/x.ts', "import pg from 'pg';"],
  ])('refuses %s: %s', async (file, code) => {
    expect(await problems(file, `${code}\nexport {};\n`)).not.toEqual([]);
  });

  it.each([
    ['src-main/common/x.ts', "import { z } from 'zod';"],
    ['src-main/db/x.ts', "import Database from 'better-sqlite3';"],
    ['src-main/electron/x.ts', "import { app } from 'electron';"],
    ['src-main/electron/x.ts', "import { createApp } from '../app/app';"],
    ['src-renderer/x.ts', "import { commands } from '@common/contract';"],
    ['src-main/app/x.ts', "import { CasesRepo } from '../cases/cases-repo';"],
    ['src-main/host/x.ts', "import { createApp } from '../app/app';"],
    ['src-renderer/x.ts', "import { commands } from '@common/contract';"],
    ['src-main/sync/x.ts', "import { canonicalJson } from '@tongban/protocol/canonical-json';"],
    ['gateway/src/x.ts', "import { canonicalJson } from '@tongban/protocol/canonical-json';"],
    ['src-renderer/x.ts', "import { canonicalJson } from '@tongban/protocol/canonical-json';"],
    ['packages/protocol/src/x.ts', "import { z } from 'zod';"],
    // Tests are composition roots: they may build the whole app through the shared test support.
    ['src-main/cases/x.test.ts', "import { testApp } from '../testing/test-app';"],
    ['src-main/cases/testing/x.ts', "import { createApp } from '../../app/app';"],
    ['src-main/testing/x.ts', "import { createApp } from '../app/app';"],
  ])('allows %s: %s', async (file, code) => {
    expect(await problems(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});
