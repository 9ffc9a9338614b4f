import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { migrate, openDatabase } from '../../server/db/database.ts';
import { buildApp } from '../../server/http/app.ts';
import { gzipKb } from '../build-report.ts';
import { DEMO_PASSWORD, seedDemo } from '../demo.ts';
import { report } from './measure.ts';

/*
 * The web app on a cheap phone (issue 21): Debian's chromium at 360 px, its network throttled to
 * 1.6 Mbps down, 750 kbps up and 150 ms round trip, its CPU slowed four times, every page from a
 * cold cache. Each figure is the median of RUNS visits, printed beside the network's own floor in the
 * same run: a round trip for the smallest answer the server gives.
 */
const RUNS = 3;
const PHONE = { width: 360, height: 740 };
const NETWORK = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };
const CPU_SLOWDOWN = 4;
const GOALS = { sign_in_usable: 2.0, first_self_assessment_question: 2.5, dashboard_chart: 3.5 } as const;
const DASHBOARD_JS_GOAL_KB = 350;
const CHROMIUM = process.env.PATHWAY_CHROMIUM ?? '/usr/bin/chromium';
const WEB_DIR = path.resolve(import.meta.dirname, '../../../dist/web');

/** A fresh context (cold cache) signed in as `username` (through the API, unthrottled), and a throttled page. */
async function phone(browser: Browser, base: string, username: string | null) {
  const context = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
  let csrf = '';
  if (username) {
    const res = await context.request.post(`${base}/api/auth/login`, {
      data: { username, password: DEMO_PASSWORD },
      headers: { 'x-pathway-csrf': '1' },
    });
    if (!res.ok()) throw new Error(`sign-in of ${username} failed: ${res.status()} ${await res.text()}`);
    csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  }
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return { context, page, csrf };
}

/** Seconds from starting to load `url` until `ready` holds, over RUNS cold visits; the median. */
async function timed(
  browser: Browser,
  base: string,
  username: string | null,
  url: string,
  ready: (page: Page) => Promise<unknown>,
  before?: (context: BrowserContext, csrf: string) => Promise<unknown>,
): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { context, page, csrf } = await phone(browser, base, username);
    try {
      await before?.(context, csrf);
      const start = performance.now();
      await page.goto(`${base}${url}`, { waitUntil: 'commit' });
      await ready(page);
      times.push((performance.now() - start) / 1000);
    } finally {
      await context.close();
    }
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** The JavaScript a page loads, as files of dist/web: their size gzipped (level 9) and as sent. */
async function scriptsOf(
  browser: Browser,
  base: string,
  username: string,
  url: string,
  ready: (page: Page) => Promise<unknown>,
) {
  const { context, page } = await phone(browser, base, username);
  const scripts = new Set<string>();
  const sizes: Promise<number>[] = [];
  page.on('requestfinished', (req) => {
    if (req.resourceType() !== 'script') return;
    scripts.add(new URL(req.url()).pathname);
    sizes.push(req.sizes().then((s) => s.responseBodySize));
  });
  let sent = 0;
  try {
    await page.goto(`${base}${url}`);
    await ready(page);
    await page.waitForLoadState('networkidle');
    // Read while the context is open: a size asked for after it closes is never answered.
    for (const size of await Promise.all(sizes)) sent += size;
  } finally {
    await context.close();
  }
  let gzipped = 0;
  for (const script of scripts) gzipped += gzipKb(path.join(WEB_DIR, script)) * 1024;
  return { files: scripts.size, gzipped, sent };
}

export async function webBench() {
  if (!fs.existsSync(path.join(WEB_DIR, 'index.html')))
    throw new Error('dist/web is missing: run `npm run build` first.');
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`No chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium).`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-bench-web-'));
  const database = openDatabase(path.join(dir, 'web.sqlite'));
  let browser: Browser | undefined;
  const app = await buildApp({
    config: { secureCookies: false, webDir: WEB_DIR, logLevel: 'silent' },
    database,
  });
  try {
    await migrate(database);
    await seedDemo(database, { teachers: 2000 });
    const base = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
    // A development dependency: loaded only when this benchmark runs.
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
      headless: true,
    });
    console.log(
      `# Pathway web benchmark: chromium at ${PHONE.width} px, ${(NETWORK.downloadThroughput * 8e-6).toFixed(1)} Mbps, ${NETWORK.latency} ms round trip, CPU ${CPU_SLOWDOWN}x slower, cold cache, median of ${RUNS}`,
    );
    const floor = await timed(browser, base, null, '/api/health', (page) => page.waitForLoadState('load'));
    const signIn = await timed(browser, base, null, '/', async (page) => {
      await page.getByLabel('Password').waitFor();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
    });
    const firstQuestion = await timed(
      browser,
      base,
      'teacher',
      '/self-assessment',
      (page) => page.locator('fieldset.question').first().waitFor(),
      async (context, csrf) => {
        // An open self-assessment, as a teacher who has started one finds it.
        const res = await context.request.post(`${base}/api/self-assessments`, {
          data: {},
          headers: { 'x-csrf-token': csrf },
        });
        // The next visits find the one the first opened.
        if (!res.ok() && res.status() !== 409)
          throw new Error(`starting a self-assessment failed: ${res.status()} ${await res.text()}`);
      },
    );
    const chartDrawn = (page: Page) => page.locator('.chart svg').first().waitFor();
    const dashboard = await timed(browser, base, 'ministry', '/dashboard', chartDrawn);
    const js = await scriptsOf(browser, base, 'ministry', '/dashboard', chartDrawn);

    report('web.network_floor', floor, 's(one_round_trip_for_the_smallest_answer)');
    report('web.sign_in_usable', signIn, 's');
    report('web.sign_in_usable.goal', GOALS.sign_in_usable, 's');
    report('web.first_self_assessment_question', firstQuestion, 's');
    report('web.first_self_assessment_question.goal', GOALS.first_self_assessment_question, 's');
    report('web.dashboard_chart', dashboard, 's');
    report('web.dashboard_chart.goal', GOALS.dashboard_chart, 's');
    report('web.dashboard_js_gzip', js.gzipped / 1024, `kB(${js.files}_files)`);
    report('web.dashboard_js_sent', js.sent / 1024, 'kB');
    report('web.dashboard_js_gzip.goal', DASHBOARD_JS_GOAL_KB, 'kB');
  } finally {
    await browser?.close();
    await app.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function registerBenchWebCommand(program: Command) {
  program
    .command('bench-web')
    .description('Time the web app on a throttled phone-sized chromium (needs `npm run build` first).')
    .action(webBench);
}
