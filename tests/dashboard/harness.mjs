// Starts a real `kinerja serve` on a fresh SQLite database and a headless Chromium, and keeps
// track of what a page says on its console (errors, CSP violations).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = join(here, '..', '..');
export const shots = join(here, 'screenshots');

export function binary() {
  if (process.env.KINERJA_BIN) return process.env.KINERJA_BIN;
  const target = process.env.CARGO_TARGET_DIR || join(repo, 'target');
  return join(target, 'debug', 'kinerja');
}

/** `env`: extra environment of the server (e.g. `KINERJA_ADMIN_TOKEN` to allow uploads). */
export async function startServer(env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kinerja-dash-'));
  const child = spawn(binary(), ['serve', '--database-url', join(dir, 'web.db'), '--bind', '127.0.0.1:0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, KINERJA_LOG: process.env.KINERJA_LOG || 'warn', ...env },
  });
  let log = '';
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 180 s:\n${log}`)), 180_000);
    child.stderr.on('data', (d) => {
      log += d;
      const m = /listening on (http:\/\/[0-9.:]+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${binary()}: ${e.message}`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${log}`));
    });
  });
  child.stderr.on('data', () => {});
  return {
    base,
    database: join(dir, 'web.db'),
    log: () => log,
    async stop() {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'kinerja-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 800 },
  });
  mkdirSync(shots, { recursive: true });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A new page that records console errors, page errors and CSP violations. */
export async function watchedPage(context, viewport) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || /Content Security Policy/i.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { page, problems };
}

/** Waits for the dashboard to finish rendering its current view. */
export async function settled(page) {
  await page.waitForFunction(() => document.body.dataset.ready && !document.getElementById('main').hasAttribute('aria-busy'));
  await page.waitForLoadState('networkidle');
}

/** The API's decimal string as the dashboard shows it in Indonesian ("1677707236.00" → "1.677.707.236,00"). */
export function idNum(value) {
  if (value === null || value === undefined) return '–';
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!m) return value;
  const int = m[2].replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return m[1] + int + (m[3] ? ',' + m[3] : '');
}

export async function api(base, path) {
  const r = await fetch(base + path, { headers: { accept: 'application/json' } });
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return r.json();
}

/** Adds a reviewer account to a running server's database with `kinerja user add`. */
export function addReviewer(database, email, password, region) {
  const r = spawnSync(binary(), ['user', 'add', email, '--kabupaten', region, '--password-stdin', '--database-url', database], { input: password + '\n', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`kinerja user add: ${r.status} ${r.stderr}`);
}
