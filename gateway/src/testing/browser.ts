// A reviewer's browser for tests of the department pages.

/** A cookie-keeping HTTP client that does not follow redirects. */
export class Browser {
  constructor(private readonly baseUrl: string) {}
  private cookies = new Map<string, string>();
  async go(method: 'GET' | 'POST', path: string, form?: Record<string, string | string[]>) {
    const pairs = Object.entries(form ?? {}).flatMap(([k, v]) =>
      (Array.isArray(v) ? v : [v]).map((x): [string, string] => [k, x]),
    );
    const body = form ? new URLSearchParams(pairs) : undefined;
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/Max-Age=0/.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, location: res.headers.get('location'), html: await res.text(), headers: res.headers };
  }
  /** The Cookie header of this browser's session (for requests made outside `go`). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  csrf(html: string): string {
    return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  }
  async login(username: string, password: string) {
    const page = await this.go('GET', '/dept/login');
    return this.go('POST', '/dept/login', { _csrf: this.csrf(page.html), username, password });
  }
}
