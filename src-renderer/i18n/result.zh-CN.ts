// 网络送达 at the window: the department's result PDF in the case detail.
export const resultZh = {
  line: '办理结果（网络送达）',
  open: '查看/打印办理结果',
  opening: '正在取回办理结果…',
  opened: '办理结果已取回并核对无误（{{fileName}}），请在打开的文件中查看或打印',
  failed: '取回办理结果失败',
  hint: '部门签章的电子办理结果，取回时核对其 SHA-256',
};
