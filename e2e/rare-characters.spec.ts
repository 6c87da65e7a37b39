import { expect, test } from './support/fixtures';
import { pickMatter, pickSituation, setUpStaff } from './support/intake';
import { openMenu, saveScreenshot } from './support/steps';

// 生僻字 on screen: a name and an address with Ext B/C/E/G characters are drawn with the shipped fallback
// (only the chunks they need are loaded from /fonts/rare/), not as empty boxes.
const NAME = '刘䶮𠮷𰻞';
const ADDRESS = '重庆市万州区𠈌𡒄路1号𬌗𬍛苑 赵孟𫖯收';

test('a rare-character name and address render with the fallback font, loading only their chunks', async ({
  app: page,
}) => {
  const chunks: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/fonts/rare/')) chunks.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  await setUpStaff(page);
  await openMenu(page, '受理');
  await pickMatter(page, 'sbk', '社会保障卡申领');
  await pickSituation(page, '首次申领');
  const nameField = page.getByLabel('姓名', { exact: true });
  await nameField.fill(NAME);
  await page.getByLabel('联系地址', { exact: true }).fill(ADDRESS);
  await expect(page.getByLabel('姓名', { exact: true })).toHaveValue(NAME);

  const faces = await page.evaluate(async (text) => {
    const loaded = await document.fonts.load('16px TongbanRare', text);
    await document.fonts.ready;
    return loaded.map((f) => `${f.family}:${f.status}:${f.unicodeRange}`);
  }, NAME + ADDRESS);
  // 𠮷 020B00, 𠈌 020200, 𡒄 021400, 𫖯 02B500, 𬌗/𬍛 02C300, 𰻞 030E00 (䶮 is in Noto/the system font).
  expect(faces.length).toBeGreaterThanOrEqual(6);
  expect(faces.every((f) => f.includes(':loaded:'))).toBe(true);
  await expect.poll(() => chunks.filter((c) => c.startsWith('200 ')).length).toBeGreaterThanOrEqual(6);
  expect(chunks.every((c) => c.startsWith('200 /fonts/rare/'))).toBe(true);
  // Only chunks for the characters on screen: a few of the 276.
  expect(new Set(chunks).size).toBeLessThan(20);
  // Drawn with the fallback alone, every character has ink (a missing glyph would draw nothing or a box).
  const inks = await page.evaluate(() => {
    const ctx = document
      .createElement('canvas')
      .getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
    ctx.font = '32px TongbanRare';
    const inkOf = (ch: string) => {
      ctx.clearRect(0, 0, 64, 64);
      ctx.fillText(ch, 0, 40);
      const data = ctx.getImageData(0, 0, 64, 64).data;
      let ink = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] as number) > 128) ink++;
      return ink;
    };
    return { biang: inkOf('𰻞'), ji: inkOf('𠮷'), ink: [...'𠈌𡒄𫖯𬌗𬍛'].map(inkOf) };
  });
  expect(inks.biang).toBeGreaterThan(150);
  expect(inks.ji).toBeGreaterThan(50);
  for (const ink of inks.ink) expect(ink).toBeGreaterThan(50);
  // The form fields show the glyphs, not boxes (Chromium keeps boxes in a field until its font changes:
  // src-renderer/rare-font.ts). Looked at in the screenshot; ink counts at 14 px do not tell thin Ming
  // glyphs from boxes reliably enough to assert here.
  await page.waitForTimeout(1000);
  await saveScreenshot(page, 'rare-characters-intake');
});
