import type { AddressInfo } from 'node:net';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { buildApp } from './http/app.ts';
import { diskStore } from './shared/storage.ts';

/** Composition root: config > database > services > HTTP. */
export async function startServer(config: Config, database: Database) {
  const app = await buildApp({ config, database, files: diskStore(config.filesDir) });
  await app.listen({ port: config.port, host: config.host });
  const close = async () => {
    await app.close();
    await database.close();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void close().then(() => process.exit(0)));
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `${config.tls ? 'https' : 'http'}://localhost:${port}`, close };
}
