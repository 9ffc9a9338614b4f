import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { systemCtx } from '../../src/cli/context.ts';
import { DEMO_TENANT, seedDemo } from '../../src/cli/demo.ts';
import { type Database, migrate, openDatabase } from '../../src/server/db/database.ts';
import { buildApp } from '../../src/server/http/app.ts';
import { createAccount } from '../../src/server/modules/accounts/accounts.service.ts';
import * as training from '../../src/server/modules/training/training.ts';
import type { Role } from '../../src/server/shared/access.ts';
import { systemBase } from '../../src/server/shared/context.ts';
import { type DialectName, freshDatabase } from '../db.ts';

const webDir = path.resolve(import.meta.dirname, '../../dist/web');
const CHROMIUM = process.env.PATHWAY_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface BrowserWorld {
  browser: Browser;
  database: Database;
  base: string;
  /** A new browser context signed in as a demo user, on the start page. */
  signedIn(username: string, viewport?: { width: number; height: number }): Promise<Page>;
  /**
   * A sign-in (the demo password) for a person of the demo who has none, with the role at their own
   * unit: e.g. a teacher of another school. Answers the person's name.
   */
  addLogin(username: string, personId: string, role: Role): Promise<{ name: string }>;
  close(): Promise<void>;
}

/**
 * The real server in-process on a fresh database seeded with the demo country (a SQLite file, or a
 * new schema in the test PostgreSQL), and Debian's chromium driven by playwright-core.
 */
export async function startBrowserWorld(teachers: number, dialect: DialectName = 'sqlite'): Promise<BrowserWorld> {
  if (!fs.existsSync(path.join(webDir, 'index.html')))
    throw new Error('dist/web is missing: run `npm run build` before the browser tests.');
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`No chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium).`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-browser-'));
  const database =
    dialect === 'postgres' ? await freshDatabase('postgres') : openDatabase(path.join(dir, 'browser.sqlite'));
  if (dialect === 'sqlite') await migrate(database);
  await seedDemo(database, { teachers });
  const app = await buildApp({ config: { secureCookies: false, webDir, logLevel: 'warn' }, database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  return {
    browser,
    database,
    base,
    async signedIn(username, viewport = { width: 1200, height: 800 }) {
      const context = await browser.newContext({ viewport, locale: 'en-US' });
      const page = await context.newPage();
      // A step that cannot happen fails by name well before the test's own time limit.
      page.setDefaultTimeout(15_000);
      page.on('dialog', (dialog) => void dialog.accept());
      await page.goto(`${base}/`);
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Password').fill('pathway-demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      // Each role lands on its own start page (web/home/start.ts); every one has a heading.
      await page.getByLabel('Password').waitFor({ state: 'detached' });
      await page.locator('main h1').first().waitFor();
      return page;
    },
    async addLogin(username, personId, role) {
      const person = await database.db
        .selectFrom('person')
        .select(['tenant_id', 'org_unit_id', 'given_name', 'family_name'])
        .where('id', '=', personId)
        .executeTakeFirstOrThrow();
      await createAccount(
        { ...systemBase(database), tenantId: person.tenant_id },
        { personId, username, password: 'pathway-demo', roles: [{ role, orgUnitId: person.org_unit_id }] },
      );
      return { name: [person.given_name, person.family_name].filter(Boolean).join(' ') };
    },
    async close() {
      await browser.close();
      await app.close();
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A calendar day `offset` days from today (YYYY-MM-DD). */
export const dayFromToday = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * An offering of the demo's first module at the demo trainer's college, led by the trainer, starting
 * in ten days, with the demo teacher nominated: what a flow about one cohort starts from. Answers its id.
 */
export async function offeringForDemoTeacher(world: BrowserWorld): Promise<string> {
  const db = world.database.db;
  const ctx = await systemCtx(world.database, DEMO_TENANT);
  const person = (username: string) =>
    db
      .selectFrom('user_account')
      .innerJoin('person', 'person.id', 'user_account.person_id')
      .select(['person.id', 'person.org_unit_id'])
      .where('user_account.username', '=', username)
      .executeTakeFirstOrThrow();
  const trainer = await person('trainer');
  const teacher = await person('teacher');
  const module = await db.selectFrom('training_module').select('id').orderBy('code').executeTakeFirstOrThrow();
  const offering = await training.createOffering(ctx, {
    moduleId: module.id,
    hostUnitId: trainer.org_unit_id,
    trainerIds: [trainer.id],
    startDate: dayFromToday(10),
    endDate: dayFromToday(12),
    enrolOpens: dayFromToday(-5),
    enrolCloses: dayFromToday(8),
    venue: 'Room 5',
    onlineUrl: null,
    capacity: 20,
    language: 'en',
  });
  await training.nominate(ctx, offering.id, [teacher.id]);
  return offering.id;
}
