import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { cameraTest as test, expect } from './support/fixtures';
import {
  accept,
  COUNTER_CLERK,
  fileCardApplicant,
  materialRow,
  nextStep,
  setHandling,
  verifyIdentityManually,
} from './support/intake';
import { callFromPage, completeFirstRun, openMenu, openSettings, pickOption, signIn, signOut } from './support/steps';

const PHOTO_MATERIAL = '近期免冠彩色证件照';
const SCREENSHOTS = resolve(__dirname, '..', 'test-results', 'screenshots');

/** Where a screenshot of one part of the screen goes (test-results/screenshots/<name>.png). */
function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}

/** Records every stream the page opens, so the test can see that the camera was switched off. */
async function watchCameraStreams(page: Page): Promise<void> {
  await page.evaluate(() => {
    const devices = navigator.mediaDevices;
    const open = devices.getUserMedia.bind(devices);
    const opened: MediaStream[] = [];
    (window as unknown as { openedStreams: MediaStream[] }).openedStreams = opened;
    devices.getUserMedia = async (constraints) => {
      const stream = await open(constraints);
      opened.push(stream);
      return stream;
    };
  });
}

/** Kinds and states of every track opened so far. */
function openedTracks(page: Page): Promise<{ kind: string; live: boolean }[]> {
  return page.evaluate(() =>
    (window as unknown as { openedStreams: MediaStream[] }).openedStreams.flatMap((s) =>
      s.getTracks().map((t) => ({ kind: t.kind, live: t.readyState === 'live' })),
    ),
  );
}

/** Up to the materials of 首次申领 as a counter clerk; the originals handed in, the photo to be photographed. */
async function toMaterialsAsClerk(page: Page): Promise<void> {
  expect(await callFromPage(page, 'users:create', COUNTER_CLERK)).toMatchObject({ ok: true });
  await signOut(page);
  await signIn(page, COUNTER_CLERK.username, COUNTER_CLERK.password, COUNTER_CLERK.displayName);
  await fileCardApplicant(page);
  await setHandling(page, '申请人有效身份证件', '原件核验后退还');
  await setHandling(page, '《社会保障卡申领登记表》', '原件留存待寄递');
  await setHandling(page, PHOTO_MATERIAL, '电子材料');
  await watchCameraStreams(page);
}

test('the administrator picks the camera; the clerk photographs the photo material and the case is accepted with it', async ({
  app: page,
}) => {
  await completeFirstRun(page);

  await test.step('系统设置 → 拍照设备: detect the cameras, pick the fake one, preview it, save', async () => {
    await openSettings(page, '打印与设备');
    const section = page.locator('.ant-card').filter({ has: page.getByText('拍照设备', { exact: true }) });
    await section.getByRole('button', { name: '检测摄像头' }).click();
    await section.getByLabel('摄像头', { exact: true }).click();
    await pickOption(page, 'fake_device_0');
    await section.getByRole('button', { name: '预览' }).click();
    const preview = section.getByLabel('摄像头实时画面');
    await expect
      .poll(() => preview.evaluate((v: HTMLVideoElement) => v.readyState >= 2 && v.videoWidth))
      .toBeGreaterThan(0);
    await section.getByRole('button', { name: '保存拍照设备设置' }).click();
    await expect(page.getByText('拍照设备设置已保存')).toBeVisible();
    await section.screenshot({ path: screenshotPath('camera-settings'), animations: 'disabled' });
    await section.getByRole('button', { name: '关闭预览' }).click();
    await expect(preview).toHaveCount(0);
    const saved = await callFromPage(page, 'settings:getCamera');
    expect(saved).toMatchObject({ ok: true, value: { label: 'fake_device_0' } });
    expect((saved.value as { deviceId: string }).deviceId).not.toBe('');
  });

  await toMaterialsAsClerk(page);
  const row = materialRow(page, PHOTO_MATERIAL);
  const dialog = page.getByRole('dialog', { name: `拍照：${PHOTO_MATERIAL}（数码照片回执号或窗口现场采集）` });

  await test.step('拍照 opens a live preview; 拍摄 shows the shot; 重拍 goes back to the camera', async () => {
    await row.getByRole('button', { name: '拍照' }).click();
    await expect(dialog.getByLabel('摄像头实时画面')).toBeVisible();
    await expect(dialog.getByRole('button', { name: '拍摄' })).toBeEnabled();
    await dialog.getByRole('button', { name: '拍摄' }).click();
    await expect(dialog.getByRole('img', { name: '拍摄的照片' })).toBeVisible();
    await dialog.getByRole('button', { name: '重拍' }).click();
    await expect(dialog.getByRole('img', { name: '拍摄的照片' })).toHaveCount(0);
    await expect(dialog.getByLabel('摄像头实时画面')).toBeVisible();
    await dialog.getByRole('button', { name: '拍摄' }).click();
    const shot = dialog.getByRole('img', { name: '拍摄的照片' });
    await expect
      .poll(() => shot.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    await dialog.screenshot({ path: screenshotPath('camera-capture'), animations: 'disabled' });
  });

  await test.step('使用此照片 sends it through attachments:add; the camera goes off', async () => {
    const answered = page.waitForResponse((res) => decodeURIComponent(res.url()).endsWith('/api/call/attachments:add'));
    await dialog.getByRole('button', { name: '使用此照片' }).click();
    const answer = (await (await answered).json()) as {
      ok: boolean;
      value: { fileName: string; mediaType: string; size: number };
    };
    expect(answer).toMatchObject({ ok: true, value: { mediaType: 'image/jpeg' } });
    expect(answer.value.fileName).toMatch(/^拍照-\d{8}-\d{6}\.jpg$/);
    expect(answer.value.size).toBeGreaterThan(1000);
    await expect(dialog).toBeHidden();
    await expect(row).toContainText(answer.value.fileName);
    await expect(row).toContainText(/\d+ KB/);
    const tracks = await openedTracks(page);
    expect(tracks.length).toBeGreaterThan(0);
    expect(tracks.every((t) => t.kind === 'video')).toBe(true);
    expect(tracks.filter((t) => t.live)).toEqual([]);
  });

  await test.step('the case is accepted with the photo among its attachments', async () => {
    await nextStep(page);
    await verifyIdentityManually(page);
    const receiptNo = await accept(page);
    await openMenu(page, '办件查询');
    await page.getByRole('button', { name: receiptNo }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: '办件详情' });
    await drawer.getByRole('tab', { name: '材料与附件' }).click();
    await expect(drawer.getByRole('row').filter({ hasText: PHOTO_MATERIAL })).toContainText(/拍照-\d{8}-\d{6}\.jpg/);
    await expect(drawer.getByRole('row').filter({ hasText: PHOTO_MATERIAL })).toContainText(/\d+ KB/);
  });
});

test('a chosen camera that is not connected: a clear message, nothing saved, the camera off', async ({ app: page }) => {
  await completeFirstRun(page);
  expect(
    await callFromPage(page, 'settings:updateCamera', { deviceId: 'unplugged-document-camera', label: '高拍仪 S1000' }),
  ).toMatchObject({ ok: true });
  await toMaterialsAsClerk(page);
  let uploads = 0;
  page.on('request', (req) => {
    if (decodeURIComponent(req.url()).endsWith('/api/call/attachments:add')) uploads++;
  });
  await materialRow(page, PHOTO_MATERIAL).getByRole('button', { name: '拍照' }).click();
  const dialog = page.getByRole('dialog', { name: /^拍照：/ });
  await expect(dialog.getByRole('alert')).toContainText('系统设置中选定的摄像头未连接');
  await expect(dialog.getByRole('alert')).toContainText('未保存任何照片');
  await expect(dialog.getByRole('button', { name: '拍摄' })).toHaveCount(0);
  await dialog.screenshot({ path: screenshotPath('camera-missing'), animations: 'disabled' });
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();
  expect(uploads).toBe(0);
  await expect(materialRow(page, PHOTO_MATERIAL)).toContainText('电子材料未上传扫描件');
  expect((await openedTracks(page)).filter((t) => t.live)).toEqual([]);
});
