/** What waits to be sent: cases, and 好差评/回访 records. */
export interface Unsent {
  cases: number;
  records: number;
}

/** What the clerk reads when closing the app with cases or 好差评/回访 records not yet sent; null when nothing waits. */
export function unsentMessage({ cases, records }: Unsent): { title: string; detail: string } | null {
  if (cases === 0 && records === 0) return null;
  const what = [cases > 0 ? `${cases} 件办件` : '', records > 0 ? `${records} 条评价、回访记录` : '']
    .filter(Boolean)
    .join('和 ');
  return {
    title: `还有 ${what}尚未发送到业务属地部门`,
    detail: `${cases > 0 ? '这些办件' : '这些记录'}已安全保存在本机，下次连接部门网关时会自动发送，不会丢失。确定要退出吗？`,
  };
}
