// The keyboard path: shortcuts and the F1 help overlay.
export const shortcutsZh = {
  title: '键盘操作（F1）',
  intro: '窗口可全程用键盘办理：每一步打开时光标在第一个待填项，按回车进入下一步；有问题时光标跳到第一个问题处。',
  key: '按键',
  action: '功能',
  items: {
    help: '打开本帮助',
    'read-card': '读取身份证',
    search: '查找办件（办件查询）',
    'new-case': '新办件（受理）',
    next: '下一步',
    prev: '上一步',
    accept: '收件（确认与办结）',
    print: '打印回执 / 告知书',
  },
  hints: {
    enter: '在输入框中：进入下一步（有问题时跳到第一个问题）',
    dialogEnter: '在对话框中：提交（打开时光标在第一个待填项）',
    escape: '关闭对话框或本帮助',
    tab: '在各项之间移动（Shift+Tab 反向），可随时移出任何区域',
  },
  hintKeys: { enter: '回车', dialogEnter: '回车', escape: 'Esc', tab: 'Tab' },
  close: '关闭',
  open: '键盘操作帮助（F1）',
};
