// Composition root of the Electron shell: single instance, app:// scheme, services, security
// handlers, the contract over IPC, one window.
import { SafeStorageKeyStore } from './safe-key-store';
import { join } from 'node:path';
import { app, dialog, Menu, session, type BrowserWindow } from 'electron';
import { createApp, type App } from '../app/app';
import { TRAINING_DIR_NAME } from '@common/training';
import { startWindowUpdates } from './updater';
import { AppError } from '@common/errors';
import { bindContractToIpc, type IpcBinding } from './ipc';
import { ElectronPrintWindow } from './print-window';
import { shellPaths } from './paths';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { installSecurityHandlers } from './security';
import { guardCloseWithUnsent } from './close-guard';
import { utilityProcessLauncher } from './utility-helper';
import { createMainWindow } from './window';
import { EventBus } from '../events/event-bus';
import { showEncryptionSplash } from './splash';

let core: App | null = null;
let binding: IpcBinding | null = null;
let mainWindow: BrowserWindow | null = null;

async function start(): Promise<void> {
  const paths = shellPaths({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
  });
  process.umask(0o077); // data folder 0700, files 0600
  // Start-up may first encrypt an old plaintext database (minutes on a large one): a splash shows its steps.
  const events = new EventBus();
  const stopSplash = showEncryptionSplash(events, paths.resourcesDir);
  core = await createApp({
    events,
    keyStore: new SafeStorageKeyStore(app.getPath('userData')),
    // 培训模式's folder has its own key, wrapped by the OS like the live one (decision 0130).
    trainingKeyStore: new SafeStorageKeyStore(join(app.getPath('userData'), TRAINING_DIR_NAME)),
    dataDir: app.getPath('userData'),
    migrationsDir: paths.migrationsDir,
    resourcesDir: paths.resourcesDir,
    runtime: 'electron',
    version: app.getVersion(),
    chromiumPrinter: new ElectronPrintWindow(paths.resourcesDir),
    // The card-reader helper runs as a utility process: no separate Node on the hall PC.
    identity: { sdtapi: { launch: utilityProcessLauncher } },
  });
  stopSplash();
  const { log } = core.services;
  core.startBackground();
  log.info('electron shell starting', { version: app.getVersion(), packaged: app.isPackaged });
  if (app.isPackaged) startWindowUpdates(core, paths.resourcesDir, app.getVersion());
  if (app.isPackaged) Menu.setApplicationMenu(null);
  installSecurityHandlers(session.defaultSession, log);
  serveAppProtocol(paths.rendererDir, paths.resourcesDir, log);
  binding = bindContractToIpc(core);
  mainWindow = createMainWindow(paths, { devTools: !app.isPackaged, log });
  binding.attach(mainWindow.webContents);
  const services = core.services;
  guardCloseWithUnsent(mainWindow, () => {
    const s = services.sync.statusView();
    return { cases: s.pending, records: s.pendingRecords };
  });
  mainWindow.on('closed', () => (mainWindow = null));
}

function reportStartupFailure(error: unknown): void {
  process.stderr.write(
    `tongban: start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  core?.services.log.error('start-up failed', { error });
  if (error instanceof AppError && error.code === 'database-unreadable') {
    dialog.showErrorBox(
      '无法打开本机数据',
      '本机数据已加密，但本机保存的密钥无法解开它（密钥文件丢失或数据来自另一台电脑）。本机数据未被改动。\n请联系技术支持，用管理员保存的恢复码从备份恢复。',
    );
  } else if (error instanceof AppError && error.code === 'database-too-new') {
    dialog.showErrorBox(
      '无法打开本机数据',
      '本机数据由更新版本的“跨省通办窗口”写入，当前版本无法读取。\n请安装最新版本后再启动。本机数据未被改动。',
    );
  } else {
    dialog.showErrorBox('启动失败', `“跨省通办窗口”未能启动，请联系技术支持。\n数据目录：${app.getPath('userData')}`);
  }
  binding?.dispose();
  core?.close();
  app.exit(1);
}

// An ASCII data folder (not the Chinese product name) keeps support scripts and backups simple.
// Set before the single-instance lock, which lives in that folder.
app.setPath('userData', join(app.getPath('appData'), 'tongban-window'));
registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    binding?.dispose();
    const closing = core;
    core = null;
    if (!closing) return;
    // The log writes asynchronously: quit once its queued lines are on disk (the logger bounds the wait).
    event.preventDefault();
    closing.close();
    void closing.services.log.close().finally(() => app.quit());
  });
  app.whenReady().then(start).catch(reportStartupFailure);
}
