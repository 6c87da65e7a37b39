// A tiny HTML builder that escapes every interpolated value unless it is already Html.
// Pages use no inline script or style: the CSP is `default-src 'self'` (scripts are files under /dept/).

/** Markup that is already safe. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function render(v: unknown): string {
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(String(v));
}

/** Tagged template: `html\`<p>${text}</p>\`` escapes `text`; arrays and nested Html are joined. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** A whole page with the gateway's layout; `user` shows the signed-in reviewer and a logout form. */
export function page(
  title: string,
  body: Html,
  user?: { username: string; departmentId: string; csrfToken: string },
  banner = '跨省通办 · 业务属地部门审查',
  scripts: readonly string[] = [],
): string {
  const header = user
    ? html`<header class="bar"><span>${banner}</span><span class="who">${user.username}（${user.departmentId}）</span>
        <form method="post" action="/dept/logout"><input type="hidden" name="_csrf" value="${user.csrfToken}"><button type="submit">退出登录</button></form></header>`
    : html`<header class="bar"><span>${banner}</span></header>`;
  return `<!doctype html>${html`<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="stylesheet" href="/dept/style.css"></head><body>${header}<main>${body}</main>${scripts.map((s) => html`<script src="${s}"></script>`)}</body></html>`}`;
}

/** Formats an instant in China time (UTC+8) as `YYYY-MM-DD HH:mm`. */
export function chinaTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** An error banner read out by assistive technology. */
export function alertBox(message: string | null): Html {
  return message ? html`<p class="alert" role="alert">${message}</p>` : html``;
}
