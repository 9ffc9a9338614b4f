import net from 'node:net';
import type { Database } from '../../server/db/database.ts';
import { buildApp } from '../../server/http/app.ts';
import { seedDemo } from '../demo.ts';
import { p95, report } from './measure.ts';

const DEMO_PASSWORD = 'pathway-demo';

/**
 * Sign-ins while uploads misbehave: p95 idle (the limit), while a roster upload trickles in at
 * 2 kB/s, and after clients cut uploads off mid-body. Over a real socket, as a field would.
 */
export async function uploadsBench(database: Database, _location: string, teachers: number) {
  await seedDemo(database, { teachers: Math.min(teachers, 2_000) });
  const app = await buildApp({
    config: { secureCookies: false, webDir: '/nonexistent', logLevel: 'silent' },
    database,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}`;
  const dialect = database.dialect;
  try {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    const signIn = async () => {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'district', password: DEMO_PASSWORD }),
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
    };
    const upload = (length: number) => {
      const socket = net.connect(new URL(base).port as unknown as number, '127.0.0.1');
      socket.on('error', () => {});
      socket.write(
        `POST /api/imports/people HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: ${length}\r\nCookie: ${cookie}\r\nx-csrf-token: ${csrf}\r\n\r\nnational_id,given_name,family_name,sex,category,org_unit_code\n`,
      );
      return socket;
    };

    report(`signin_p95_idle_${dialect}`, await p95(20, signIn), 'ms');

    const slow = upload(10_000_000);
    const trickle = setInterval(() => slow.write(`${'T'.repeat(9)},A,B,female,teacher,NOPE\n`.repeat(6)), 100);
    report(`signin_p95_during_2kBps_upload_${dialect}`, await p95(20, signIn), 'ms');
    clearInterval(trickle);
    slow.destroy();

    for (let i = 0; i < 20; i++) {
      const cut = upload(100_000);
      cut.write('x'.repeat(100));
      cut.destroy();
    }
    report(`signin_p95_after_20_cut_uploads_${dialect}`, await p95(20, signIn), 'ms');
  } finally {
    await app.close();
  }
}
