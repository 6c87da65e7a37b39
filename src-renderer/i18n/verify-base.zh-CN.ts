// 扫码核验地址 in 系统设置 → 部门网关 (decision 0196).
export const verifyBaseZh = {
  section: '扫码核验地址',
  intro:
    '收件凭证等文书上的核验二维码指向“该地址/v/文书编号”，群众和部门用手机扫码即可核验文书真伪、查看办理进度、凭取件码下载办理结果。' +
    '部门网关对外发布的公网地址与本窗口接入的网关地址不同时，请在此填写；留空则使用网关地址。',
  label: '核验地址（公网）',
  placeholder: 'https://zwfw.cq.gov.cn/tongban',
  help: '以 http:// 或 https:// 开头，不含“?”和“#”。示例地址（example、test、localhost）仅培训模式可用。',
  effective: '文书二维码当前指向',
  fromGateway: '（使用部门网关地址）',
  none: '尚未接入部门网关：文书打印离线核验码，联网上报后方可扫码核验',
  placeholderWarning: '当前为示例地址，群众扫码无法打开核验页面，正式办理前请改为部门网关的公网地址。',
  save: '保存核验地址',
  saved: '核验地址已保存，此后出具的文书使用新地址',
};

/** Field messages of the address (merged into `fields`). */
export const verifyBaseFieldsZh = {
  'verify-url-invalid': '请输入以 http:// 或 https:// 开头、不含“?”和“#”的地址',
  'verify-url-placeholder': '这是示例地址，群众扫码无法打开；仅培训模式可用，请填写部门网关的公网地址',
};
