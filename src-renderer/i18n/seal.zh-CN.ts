// 电子印章证书 (decision 0160): field problems and the 打印设置 card.

/** Field problem codes of seal:import (merged into `fields`). */
export const sealFieldsZh = {
  'seal-unreadable': '无法读取印章证书文件：请选择 PKCS#12（.p12/.pfx）格式的文件',
  'seal-wrong-password': '印章证书密码不正确',
  'seal-no-key': '印章证书文件中没有私钥',
  'seal-no-certificate': '印章证书文件中没有证书',
  'seal-key-mismatch': '印章证书与私钥不匹配',
  'seal-not-rsa': '暂只支持 RSA 密钥的印章证书（SM2 证书本机无法核验）',
  'seal-expired': '印章证书已过期或尚未生效',
};

export const sealZh = {
  title: '电子印章证书（数字签名）',
  intro:
    'A4 文书保存为 PDF 时用本大厅的印章证书进行数字签名，签名位置即印章图片位置。证书文件（.p12/.pfx）的密码只用于本次导入，不会保存。',
  training: '未导入：文书用程序生成的“样章（培训）”证书签名，并在印章下注明，不具法律效力。',
  subject: '证书名称',
  organization: '单位',
  issuer: '签发者',
  validity: '有效期',
  fingerprint: '证书指纹（SHA-256）',
  valid: '有效，还剩 {{days}} 天',
  expiring: '将于 {{days}} 天后到期，请尽快更换证书',
  expired: '已过期，文书签名将无法通过核验',
  file: '证书文件（.p12/.pfx）',
  choose: '选择文件',
  password: '证书密码',
  import: '导入证书',
  replace: '更换证书',
  imported: '印章证书已导入',
  tooLarge: '文件过大（不超过 64 KB）',
};
