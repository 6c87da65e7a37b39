// 更正承接部门 after a department-not-routed refusal.
export const rerouteZh = {
  current:
    '本件填写的承接部门：{{name}}（事项清单版本 {{version}}），部门网关按事项清单核对后拒收。请选择清单允许的承接部门后重新发送：',
  choose: '承接部门',
  fromCase: '本件清单版本 {{version}}',
  fromCurrent: '现行清单版本 {{version}}',
  submit: '更正承接部门并重新发送',
  confirm: '确认更正承接部门？办件将按新部门重新发送一次，操作记入审计日志；已打印的收件凭证请重新打印。',
  cancel: '取消',
  done: '已更正为{{name}}，办件已重新排队发送',
  failed: '更正失败',
  none: '本机事项清单中没有其他可选的承接部门。请管理员先检查并应用最新事项清单版本，或联系业务属地部门。',
};
