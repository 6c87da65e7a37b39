// 网络送达 at the window: the department's result PDF in the case detail.
export const resultZh = {
  line: '办理结果（网络送达）',
  open: '查看/打印办理结果',
  opening: '正在取回办理结果…',
  opened: '办理结果已取回并核对无误（{{fileName}}），请在打开的文件中查看或打印',
  failed: '取回办理结果失败',
  hint: '部门签章的电子办理结果，取回时核对其 SHA-256',
  documents: '办理地部门文书',
  documentNo: '文号 {{no}}',
  openDocument: '查看/打印',
  documentHint: '业务办理地部门出具并加盖其电子印章的文书，窗口仅代为打印送达；取回时核对其 SHA-256',
};
