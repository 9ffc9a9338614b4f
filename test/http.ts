import type { Database } from '../src/server/db/database.ts';
import { buildApp } from '../src/server/http/app.ts';

export type TestApp = Awaited<ReturnType<typeof buildApp>>;

export function testApp(database: Database) {
  return buildApp({ config: { secureCookies: false, webDir: '/nonexistent', logLevel: 'silent' }, database });
}

export interface Session {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

/** Signs in over HTTP and returns what a browser would send back: the cookie and the CSRF header. */
export async function signIn(app: TestApp, username: string, password: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'pathway_session')!;
  const csrf = res.json().csrfToken as string;
  return {
    cookie: `pathway_session=${cookie.value}`,
    csrf,
    headers: { cookie: `pathway_session=${cookie.value}`, 'x-csrf-token': csrf },
  };
}
