import type { ThemeConfig } from 'antd';

/** Deep government blue on calm greys. */
export const GOV_BLUE = '#1f4e8c';

/**
 * The app's theme; `reducedMotion` turns antd's transitions off for people who asked their system
 * for that; `largeText` (大字模式) sets 16-px type and taller controls for clerks who need them.
 */
export function themeFor({
  reducedMotion,
  largeText = false,
}: {
  reducedMotion: boolean;
  largeText?: boolean;
}): ThemeConfig {
  const large = largeText
    ? { fontSize: 16, fontSizeLG: 18, fontSizeSM: 14, controlHeight: 38, controlHeightLG: 46 }
    : {};
  return { ...appTheme, token: { ...appTheme.token, motion: !reducedMotion, ...large } };
}

export const appTheme: ThemeConfig = {
  token: {
    colorPrimary: GOV_BLUE,
    colorInfo: GOV_BLUE,
    borderRadius: 4,
    colorBgLayout: '#f0f2f5',
    fontFamily:
      "-apple-system, 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'TongbanRare', 'Segoe UI', sans-serif",
  },
  components: {
    Layout: { headerBg: GOV_BLUE, headerHeight: 56, headerPadding: '0 20px', siderBg: '#ffffff' },
    Menu: { itemSelectedBg: '#e8eef7', itemSelectedColor: GOV_BLUE, itemHoverBg: '#f2f5f9' },
  },
};
