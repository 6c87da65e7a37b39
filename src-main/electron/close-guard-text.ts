/** What the clerk reads when closing the app with cases not yet sent to the department. */
export function unsentCasesMessage(pending: number): { title: string; detail: string } {
  return {
    title: `还有 ${pending} 件办件尚未发送到业务属地部门`,
    detail: '这些办件已安全保存在本机，下次连接部门网关时会自动发送，不会丢失。确定要退出吗？',
  };
}
