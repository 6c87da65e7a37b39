// The browser host's own short Chinese pages: why an address does not open (issue #15, decision 0115).

const TEXT = {
  opening: '正在打开……',
  'no-session': '请使用本程序启动时打开的窗口，或启动时打印的地址。',
  expired:
    '本次会话已因长时间无操作而结束（与锁屏时间相同）。请关闭此页，在运行本程序的电脑上重新启动本程序（npm start），或在程序的命令行窗口按回车取得新的一次性地址。',
  'start-used':
    '此启动地址只能使用一次，已经被使用过。若不是您本人打开的，请立即退出并重新启动本程序。如需再次打开，请在程序的命令行窗口按回车取得新的一次性地址，或重新启动本程序。',
  'start-invalid': '链接无效：请使用启动时打印的地址（每个地址只能使用一次）。',
  'pair-refused':
    '顾客评价屏配对地址无效、已使用或已过期（有效期 10 分钟，只能使用一次）。请工作人员在“邀请评价”中重新生成配对地址。',
} as const;

export type HostPage = keyof typeof TEXT;

/** A minimal HTML page with one Chinese message. */
export function page(kind: HostPage): string {
  const refresh = kind === 'opening' ? '<meta http-equiv="refresh" content="0;url=/">' : '';
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8">${refresh}<title>跨省通办窗口</title><p>${TEXT[kind]}</p></html>`;
}
