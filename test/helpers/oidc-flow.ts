import { expect } from 'vitest';

// The browser's part of a sign-in at the test provider, over plain HTTP with a cookie jar: follow
// the authorization URL, fill in the provider's login page, and stop at the redirect back to the
// app. Route tests then hand that callback URL to the app themselves.

class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export interface ProviderLogin {
  login: string;
  mfa?: boolean;
}

/** Signs in at the provider and returns the URL it sends the browser back to (code and state in its query). */
export async function signInAtProvider(authorizationUrl: string, redirectUri: string, account: ProviderLogin): Promise<URL> {
  const jar = new CookieJar();
  let url = new URL(authorizationUrl);
  let posted = false;
  for (let hop = 0; hop < 10; hop += 1) {
    if (url.href.startsWith(redirectUri)) return url;
    const interaction = /^\/interaction\/[^/]+$/.test(url.pathname);
    const post: boolean = interaction && !posted;
    const body = new URLSearchParams({ login: account.login, ...(account.mfa ? { mfa: '1' } : {}) });
    if (interaction) {
      // The login page first, as a browser would show it.
      const page = await fetch(url, { headers: { cookie: jar.header() }, redirect: 'manual' });
      jar.store(page);
      expect(page.status).toBe(200);
    }
    const response = await fetch(url, {
      method: post ? 'POST' : 'GET',
      headers: { cookie: jar.header(), ...(post ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: post ? body : undefined,
      redirect: 'manual',
    });
    posted ||= post;
    jar.store(response);
    const location = response.headers.get('location');
    expect(location, `a redirect from ${url.pathname} (status ${response.status})`).toBeTruthy();
    url = new URL(location!, url);
  }
  throw new Error('the provider never sent the browser back to the app');
}
