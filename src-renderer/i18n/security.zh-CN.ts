/** The recovery code (恢复码) on the setup screen and in 系统设置 → 安全 (issue #15, decision 0118). */
export const securityZh = {
  recoveryTitle: '请抄写或打印本窗口的恢复码',
  recoveryWhat:
    '本窗口的数据和全部备份都已加密。更换电脑、硬盘损坏或重装系统后，在新电脑上用备份恢复数据时，必须输入这个恢复码；没有它，备份无法读取，任何人（包括技术支持）都无法找回。',
  recoveryKeep:
    '请现在把恢复码抄写在纸上或打印出来，签名后放入保险柜等安全处，由管理员妥善保管；不要拍照、不要存在本电脑上、不要通过微信或邮件发送。恢复码等同于数据的钥匙：拿到它和备份文件的人可以读出全部办件。',
  recoveryCode: '恢复码',
  recoveryPrint: '打印恢复码',
  recoveryConfirm: '我已抄写或打印恢复码，并已妥善保管',
  recoveryContinue: '继续',
  sectionTitle: '安全：恢复码',
  sectionIntro:
    '恢复码用于在新电脑上恢复本窗口的加密备份。忘记或遗失恢复码时，管理员可在此输入自己的密码再次查看（操作会记入审计日志）。本窗口的恢复码不会改变：已抄写的恢复码继续有效，旧的备份也仍需它才能恢复。',
  sectionPassword: '管理员密码',
  sectionShow: '查看恢复码',
  sectionShown: '恢复码已显示（已记入审计日志）。请确认与保管的纸质恢复码一致；离开本页后不再显示。',
  sectionHide: '隐藏',
  wrongPassword: '密码错误，请重新输入',
};
