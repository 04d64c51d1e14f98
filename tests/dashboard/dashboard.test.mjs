// End-to-end tests of the dashboard in headless Chromium against a real `kinerja serve`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, startBrowser, watchedPage, settled, idNum, api, repo, shots, addReviewer } from './harness.mjs';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
const JS_BUDGET = 150 * 1024;

let server;
let browser;
let base;
let jaten; // a kecamatan summary from the API
let kerjo;

before(async () => {
  server = await startServer();
  base = server.base;
  browser = await startBrowser();
  const found = (await api(base, '/api/v1/kecamatan?q=jaten')).data.concat((await api(base, '/api/v1/kecamatan?q=kerjo')).data);
  jaten = found.find((k) => k.name === 'Jaten' && k.report_years.length);
  kerjo = found.find((k) => k.name === 'Kerjo' && k.report_years.length);
  assert.ok(jaten && kerjo, 'the bundled samples are loaded');
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

async function open(path, viewport = DESKTOP) {
  const w = await watchedPage(browser.context, viewport);
  await w.page.goto(base + path);
  await settled(w.page);
  return w;
}

function pages() {
  return [
    ['home', '/'],
    ['search', '/?q=JATEN'],
    ['kecamatan', `/kecamatan/${jaten.code}`],
    ['kabupaten', `/kabupaten/${jaten.kabupaten_code}`],
    ['compare', `/compare?k=${jaten.code},${kerjo.code}`],
    ['methodology', '/methodology'],
    ['data', '/data'],
    ['embed', '/?embed=1&chart=chart-ranking'],
    ['english-kecamatan', `/kecamatan/${kerjo.code}?lang=en`],
    ['english-kabupaten', `/kabupaten/${jaten.kabupaten_code}?lang=en`],
    ['kecamatan-without-report', '/kecamatan/11.01.01'],
    ['kabupaten-without-report', '/kabupaten/11.01'],
  ];
}

test('every page loads without console errors or CSP violations, fits a 360 px phone, and is screenshotted', async () => {
  for (const [name, path] of pages()) {
    for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
      const { page, problems } = await open(path, viewport);
      const h1 = await page.locator('main h1, main figure').first().textContent();
      assert.ok(h1 && h1.trim(), `${name}: has a heading or a chart`);
      assert.equal(await page.locator('main .error').count(), 0, `${name}: no error shown`);
      if (label === 'phone') {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `${name}: no sideways scrolling at 360 px (overflow ${overflow}px)`);
      }
      await page.screenshot({ path: join(shots, `${name}-${label}.png`), fullPage: true });
      assert.deepEqual(problems, [], `${name} (${label}): ${problems.join('\n')}`);
      await page.close();
    }
  }
});

test('accessibility basics on every page: labels, names, one h1, a table behind every chart', async () => {
  for (const [name, path] of pages()) {
    if (name === 'embed') continue;
    const { page } = await open(path);
    const report = await page.evaluate(() => {
      const bad = [];
      for (const el of document.querySelectorAll('input, select, textarea')) {
        if (el.type === 'hidden') continue;
        if (!(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby')) bad.push(`unlabelled ${el.tagName}#${el.id}`);
      }
      for (const b of document.querySelectorAll('button, a[href]')) {
        if (!(b.getAttribute('aria-label') || b.textContent.trim())) bad.push(`nameless ${b.tagName} ${b.outerHTML.slice(0, 80)}`);
      }
      for (const svg of document.querySelectorAll('svg.svg-chart')) {
        const by = svg.getAttribute('aria-labelledby');
        if (svg.getAttribute('role') !== 'img' || !by || !document.getElementById(by)) bad.push('chart without role/label');
        const fig = svg.closest('figure');
        if (!fig || !fig.querySelector('details.chart-table table')) bad.push('chart without a table behind it');
      }
      for (const t of document.querySelectorAll('main table')) {
        if (!t.querySelector('caption') && !t.closest('details.chart-table')) bad.push(`table without caption #${t.id}`);
      }
      const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
      const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
      if (dup.length) bad.push(`duplicate ids ${dup}`);
      return { bad, h1: document.querySelectorAll('h1').length, lang: document.documentElement.lang };
    });
    assert.deepEqual(report.bad, [], `${name}: ${report.bad.join('; ')}`);
    assert.equal(report.h1, 1, `${name}: one h1`);
    assert.ok(['id', 'en'].includes(report.lang), `${name}: html lang`);
    await page.close();
  }
});

test('the kecamatan page shows the API figures exactly', async () => {
  const detail = await api(base, `/api/v1/kecamatan/${jaten.code}`);
  const tahun = Math.max(...detail.report_years);
  const ind = await api(base, `/api/v1/kecamatan/${jaten.code}/indicators?tahun=${tahun}`);
  const rows = ind.data.filter((r) => !r.is_history && r.tahun === tahun);
  assert.ok(rows.length > 0, 'Jaten has indicators');
  const { page, problems } = await open(`/kecamatan/${jaten.code}`);
  assert.equal(await page.locator('h1').textContent(), 'Kecamatan Jaten');
  const cards = page.locator('.card');
  assert.equal(await cards.count(), rows.length, 'one card per indicator');
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const card = cards.nth(i);
    assert.equal(await card.locator('h3').textContent(), r.name);
    const unit = r.unit ? ` ${r.unit}` : '';
    assert.equal(await card.locator('.f-target').textContent(), idNum(r.target) + unit);
    assert.equal(await card.locator('.f-realisasi').textContent(), idNum(r.realisasi) + unit);
    const cap = r.capaian_computed ?? r.capaian_reported;
    assert.equal(await card.locator('.f-capaian').textContent(), cap === null ? '–' : `${idNum(cap)} %`);
    if (r.flags.includes('capaian_mismatch')) {
      const flag = await card.locator('[data-flag="capaian_mismatch"]').textContent();
      assert.match(flag, new RegExp(`laporan mencetak ${idNum(r.capaian_reported).replace('.', '\\.')} %; angkanya memberi ${idNum(r.capaian_computed).replace('.', '\\.')} %`));
    }
  }
  const bud = await api(base, `/api/v1/kecamatan/${jaten.code}/budget?tahun=${tahun}`);
  if (bud.data.length) {
    const b = bud.data[0];
    const rp = (v) => 'Rp ' + idNum(v.replace(/\.0+$/, ''));
    assert.equal(await page.locator('#budget-pagu').textContent(), rp(b.pagu));
    assert.equal(await page.locator('#budget-realisasi').textContent(), rp(b.realisasi));
    assert.match(await page.locator('#budget-serapan').textContent(), new RegExp(`^${idNum(b.serapan_computed ?? b.serapan_reported).replace('.', '\\.')} %`));
    const programs = b.items.filter((i) => i.level === 'program');
    assert.equal(await page.locator('#budget-table tbody tr').count(), programs.length || b.items.length);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('a flag is said plainly, with the printed and the computed figure', async () => {
  const mlarak = (await api(base, '/api/v1/kecamatan?q=mlarak')).data.find((k) => k.name === 'Mlarak' && k.report_years.length);
  const ind = await api(base, `/api/v1/kecamatan/${mlarak.code}/indicators?tahun=${mlarak.report_years[0]}`);
  const flagged = ind.data.find((r) => !r.is_history && r.flags.includes('capaian_mismatch'));
  assert.ok(flagged, 'a sample has a capaian that does not match its figures');
  const { page, problems } = await open(`/kecamatan/${mlarak.code}`);
  const expected = `laporan mencetak ${idNum(flagged.capaian_reported)} %; angkanya memberi ${idNum(flagged.capaian_computed)} %`;
  const texts = await page.locator('[data-flag="capaian_mismatch"]').allTextContents();
  assert.ok(texts.some((x) => x.includes(expected)), `"${expected}" in ${JSON.stringify(texts)}`);
  await page.locator('#lang-toggle').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await settled(page);
  const en = `the report prints ${flagged.capaian_reported} %; its figures give ${flagged.capaian_computed} %`;
  const textsEn = await page.locator('[data-flag="capaian_mismatch"]').allTextContents();
  assert.ok(textsEn.some((x) => x.includes(en)), `"${en}" in ${JSON.stringify(textsEn)}`);
  await page.locator('#lang-toggle').click();
  await page.waitForFunction(() => document.documentElement.lang === 'id');
  assert.deepEqual(problems, []);
  await page.close();
});

test('keyboard: skip link, sorting, and the source dialog without a mouse', async () => {
  const { page, problems } = await open('/?concept=ikm');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'skip-link', 'the first Tab reaches the skip link');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => location.hash), '#main');
  await page.locator('#ranking-sort-capaian').focus();
  await page.keyboard.press('Enter');
  await settled(page);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'ranking-sort-capaian', 'focus stays on the sort button');
  assert.equal(await page.locator('#ranking th[aria-sort]:not([aria-sort="none"])').getAttribute('aria-sort'), 'descending');
  await page.locator('#ranking button.src').first().focus();
  await page.keyboard.press('Enter');
  await page.locator('#source-dialog pre.lines').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.closest('dialog') !== null), true, 'focus moves into the dialog');
  await page.keyboard.press('Escape');
  await page.locator('#source-dialog').waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('src')), true, 'focus returns');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the home ranking shows the API facts and the number compared', async () => {
  const { page, problems } = await open('/?concept=ikm');
  const tahun = Number(await page.locator('#rank-tahun').inputValue());
  const facts = await api(base, `/api/v1/facts?concept=ikm&tahun=${tahun}&limit=500`);
  const rows = facts.data.filter((f) => !f.is_history);
  const kecs = new Set(rows.filter((f) => f.capaian_computed ?? f.capaian_reported).map((f) => f.kecamatan_code));
  const spec = await api(base, '/openapi.json');
  const n = spec.paths['/api/v1/rankings/{concept}'] ? (await api(base, `/api/v1/rankings/ikm?tahun=${tahun}`)).compared : kecs.size;
  assert.match(await page.locator('#n-compared').textContent(), new RegExp(`^${n} kecamatan dibandingkan`));
  if (spec.paths['/api/v1/rankings/{concept}']) {
    // The ranks shown are the API's.
    const ranking = await api(base, `/api/v1/rankings/ikm?tahun=${tahun}`);
    const shownRanks = await page.locator('#ranking tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th a').textContent, tr.querySelector('td').textContent]));
    if (ranking.left_out && ranking.left_out.count > 0) {
      assert.match(await page.locator('#left-out').textContent(), new RegExp(`^${ranking.left_out.count} angka berkeyakinan rendah`), 'the ranking says what it left out');
    }
    for (const [name, rank] of shownRanks) {
      const r = ranking.data.find((x) => x.kecamatan === name);
      if (!r) {
        // left out by the publication rule: shown unranked, its figure low-confidence
        assert.equal(rank, '–', `${name} is shown without a rank`);
        assert.ok(rows.some((f) => f.kecamatan === name && f.confidence === 'low'), `${name} is left out for low confidence`);
        continue;
      }
      assert.equal(rank, r.rank === null ? '–' : String(r.rank), `${name}'s rank`);
    }
  }
  const shown = await page.locator('#ranking tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({ name: tr.querySelector('th a').textContent, cap: tr.querySelector('.cap').dataset.value }))
  );
  for (const s of shown) {
    const f = rows.find((r) => r.kecamatan === s.name && (r.capaian_computed ?? '') === s.cap);
    assert.ok(f, `${s.name} ${s.cap} is an API fact`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('the provinsi and kabupaten filters narrow the ranking, by the API', async () => {
  const { page, problems } = await open('/?concept=nilai_akip');
  const tahun = await page.locator('#rank-tahun').inputValue();
  await page.locator('#rank-provinsi').selectOption(jaten.provinsi_code);
  await settled(page);
  assert.equal(new URL(page.url()).searchParams.get('provinsi'), jaten.provinsi_code);
  const facts = await api(base, `/api/v1/facts?concept=nilai_akip&tahun=${tahun}&provinsi=${jaten.provinsi_code}&limit=1000`);
  const expected = [...new Set(facts.data.filter((f) => !f.is_history).map((f) => f.kecamatan))].sort();
  const shown = (await page.locator('#ranking tbody th').allTextContents()).sort();
  assert.deepEqual(shown, expected);
  await page.locator('#rank-kabupaten').selectOption(jaten.kabupaten_code);
  await settled(page);
  const kabs = await page.locator('#ranking tbody tr td:nth-child(3)').allTextContents();
  assert.ok(kabs.every((k) => k === jaten.kabupaten), `only ${jaten.kabupaten}: ${kabs}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the kabupaten heat table shows each kecamatan’s API figures', async () => {
  const { page, problems } = await open(`/kabupaten/${jaten.kabupaten_code}`);
  const cells = await page.locator('#heat-table td[data-kec]').evaluateAll((tds) => tds.map((td) => ({ kec: td.dataset.kec, concept: td.dataset.concept, cap: td.querySelector('.heat-cap').textContent })));
  assert.ok(cells.length > 0, 'the heat table has figures');
  for (const c of cells) {
    const detail = await api(base, `/api/v1/kecamatan/${c.kec}`);
    const y = Math.max(...detail.report_years);
    const ind = await api(base, `/api/v1/kecamatan/${c.kec}/indicators?tahun=${y}`);
    const caps = ind.data.filter((r) => !r.is_history && r.concept === c.concept).map((r) => r.capaian_computed ?? r.capaian_reported).filter(Boolean);
    assert.ok(caps.map((v) => `${idNum(v)} %`).includes(c.cap), `${c.kec} ${c.concept}: ${c.cap} in ${caps}`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('search → kecamatan → source lines → compare, by clicks', async () => {
  const { page, problems } = await open('/');
  await page.locator('#search').fill('JATEN');
  await page.locator('#search-results a.result-kec', { hasText: 'Jaten' }).first().click();
  await page.waitForURL(`**/kecamatan/${jaten.code}`);
  await settled(page);
  assert.equal(await page.locator('h1').textContent(), 'Kecamatan Jaten');

  // The first figure's source: the dialog shows the report lines the API names.
  const btn = page.locator('.card button.src').first();
  const reportId = await btn.getAttribute('data-report');
  const lines = (await btn.getAttribute('data-lines')).split(',').map(Number);
  await btn.click();
  const dialog = page.locator('#source-dialog');
  await dialog.locator('pre.lines .hit').first().waitFor();
  const hits = await dialog.locator('pre.lines .hit').evaluateAll((els) => els.map((e) => e.textContent.replace(/^\s*\d+\s\s/, '').replace(/\n$/, '')));
  const src = await api(base, `/api/v1/reports/${reportId}/source?lines=${Math.min(...lines)}-${Math.max(...lines)}`);
  const expected = src.data.filter((l) => lines.includes(l.line)).map((l) => l.text);
  assert.deepEqual(hits, expected, 'the highlighted lines are the report lines of the figure');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('src')), true, 'focus returns to the source button');

  // Compare with Kerjo.
  await page.locator('#compare-link').click();
  await page.waitForURL('**/compare?k=*');
  await settled(page);
  await page.locator('#compare-search').fill('kerjo');
  await page.locator(`#compare-results button.add[data-code="${kerjo.code}"]`).click();
  await page.locator('#compare-table').waitFor();
  await settled(page);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('k'), `${jaten.code},${kerjo.code}`);
  const heads = await page.locator('#compare-table thead th a').allTextContents();
  assert.deepEqual(heads, ['Jaten', 'Kerjo']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a figure read from an uploaded PDF shows its page in the source dialog, with a link to that page', async () => {
  const token = `dash-${Date.now()}`;
  const own = await startServer({ KINERJA_ADMIN_TOKEN: token });
  try {
    const pdf = readFileSync(join(repo, 'documents', 'fixtures', 'magetan-kartoharjo-2023.pdf'));
    const up = await fetch(`${own.base}/api/v1/reports?file_name=magetan-kartoharjo-2023.pdf`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
      body: pdf,
    });
    const answer = await up.text();
    assert.ok(up.ok, `upload: HTTP ${up.status} ${answer}`);
    const code = (await api(own.base, `/api/v1/reports/${JSON.parse(answer).report_id}`)).kecamatan_code;
    const w = await watchedPage(browser.context, DESKTOP);
    await w.page.goto(`${own.base}/kecamatan/${code}`);
    await settled(w.page);
    const btn = w.page.locator('.card button.src').first();
    await btn.click();
    const dialog = w.page.locator('#source-dialog');
    await dialog.locator('pre.lines .hit').first().waitFor();
    const reportId = await btn.getAttribute('data-report');
    const lines = (await btn.getAttribute('data-lines')).split(',').map(Number);
    const src = await api(own.base, `/api/v1/reports/${reportId}/source?lines=${Math.min(...lines)}-${Math.max(...lines)}`);
    const page = src.data[0].page;
    assert.ok(Number.isInteger(page) && page > 0, `the API gives the line's page: ${JSON.stringify(src.data[0])}`);
    assert.match(await dialog.locator('.file').textContent(), new RegExp(`halaman ${page}\\b`));
    assert.ok((await dialog.locator('pre.lines .pg').count()) > 0, 'the listing marks where a page begins');
    const link = dialog.locator('a.original');
    assert.equal(await link.getAttribute('href'), `/api/v1/reports/${reportId}/original#page=${page}`);
    assert.equal(await link.textContent(), `Buka dokumen asli di halaman ${page}`);
    const original = await fetch(`${own.base}/api/v1/reports/${reportId}/original`);
    assert.equal(original.headers.get('content-type'), 'application/pdf');
    assert.deepEqual(w.problems, []);
    await w.page.close();
  } finally {
    await own.stop();
  }
});

test('the kecamatan page shows its change history from /api/v1/changes, in both languages', async () => {
  const changes = await api(base, `/api/v1/changes?kecamatan=${jaten.code}`);
  const { page, problems } = await open(`/kecamatan/${jaten.code}`);
  assert.equal(await page.locator('#history h2').textContent(), 'Riwayat perubahan');
  if (changes.data.length) {
    assert.equal(await page.locator('#history-table tbody tr').count(), Math.min(changes.data.length, 50));
  } else {
    assert.equal(await page.locator('#history .empty').count(), 1);
  }
  const original = await page.locator('#original-link').getAttribute('href');
  assert.match(original, /^\/api\/v1\/reports\/\d+\/original$/);
  const res = await fetch(base + original);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-disposition') || '', /^attachment; filename="/);
  await page.goto(base + `/kecamatan/${jaten.code}?lang=en`);
  await settled(page);
  assert.equal(await page.locator('#history h2').textContent(), 'Change history');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the language toggle switches to English, persists, and sets lang', async () => {
  const { page, problems } = await open('/');
  assert.equal(await page.getAttribute('html', 'lang'), 'id');
  assert.equal(await page.locator('header nav a').first().textContent(), 'Beranda');
  await page.locator('#lang-toggle').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await settled(page);
  assert.equal(await page.locator('header nav a').first().textContent(), 'Home');
  assert.equal(await page.locator('h1').textContent(), 'Kecamatan performance');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'lang-toggle', 'focus stays on the toggle');
  // Persisted: a fresh visit without ?lang is English too.
  await page.goto(base + '/methodology');
  await settled(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('h1').textContent(), 'Methodology');
  await page.locator('#lang-toggle').click();
  await page.waitForFunction(() => document.documentElement.lang === 'id');
  await settled(page);
  assert.equal(await page.locator('h1').textContent(), 'Metodologi');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a permalink restores the view', async () => {
  const { page, problems } = await open('/');
  const concepts = await page.locator('#rank-concept option').evaluateAll((os) => os.map((o) => o.value));
  const other = concepts.find((c) => c !== 'ikm') || concepts[0];
  await page.locator('#rank-concept').selectOption(other);
  await settled(page);
  await page.locator('#rank-concept').selectOption('ikm');
  await settled(page);
  await page.locator('#ranking-sort-kecamatan').click();
  await settled(page);
  await page.locator('#ranking-sort-kecamatan').click();
  await settled(page);
  const link = await page.locator('.perma-input').inputValue();
  assert.match(link, /concept=ikm/);
  assert.match(link, /sort=kecamatan/);
  assert.match(link, /dir=desc/);
  const order = await page.locator('#ranking tbody th').allTextContents();
  const again = await open(new URL(link).pathname + new URL(link).search);
  assert.equal(await again.page.locator('#rank-concept').inputValue(), 'ikm');
  assert.deepEqual(await again.page.locator('#ranking tbody th').allTextContents(), order);
  assert.equal(await again.page.locator('#ranking th[aria-sort="descending"]').count(), 1);
  // An open source dialog is in the URL too.
  await again.page.locator('#ranking button.src').first().click();
  await again.page.locator('#source-dialog pre.lines .hit').first().waitFor();
  const srcLink = again.page.url();
  assert.match(srcLink, /[?&]src=\d+%3A[\d%C,]+|[?&]src=\d+:[\d,]+/);
  const hitsThere = await again.page.locator('#source-dialog pre.lines .hit').allTextContents();
  const third = await open(new URL(srcLink).pathname + new URL(srcLink).search);
  await third.page.locator('#source-dialog pre.lines .hit').first().waitFor();
  assert.deepEqual(await third.page.locator('#source-dialog pre.lines .hit').allTextContents(), hitsThere);
  await third.page.keyboard.press('Escape');
  await third.page.locator('#source-dialog').waitFor({ state: 'hidden' });
  assert.ok(!new URL(third.page.url()).searchParams.has('src'), 'closing the dialog takes it out of the URL');
  assert.deepEqual(third.problems, []);
  await third.page.close();
  // Back and forward walk the history of views.
  await page.goBack();
  await settled(page);
  assert.ok(!new URL(page.url()).searchParams.has('dir') || page.url() !== link);
  assert.deepEqual(problems, []);
  assert.deepEqual(again.problems, []);
  await page.close();
  await again.page.close();
});

test('every download, API and source link on every page answers (CSV as CSV)', async () => {
  const seen = new Set();
  for (const [name, path] of pages()) {
    const { page } = await open(path);
    const links = await page.locator('a[href^="/api/"], a[href="/openapi.json"], a[href="/docs/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const csvLinks = links.filter((l) => /format=csv|\.csv$/.test(l));
    if (['home', 'kecamatan', 'kabupaten', 'compare', 'data'].includes(name)) assert.ok(csvLinks.length > 0, `${name} offers a CSV download`);
    for (const href of links) {
      if (seen.has(href)) continue;
      seen.add(href);
      const r = await fetch(base + href);
      assert.equal(r.status, 200, `${name}: ${href} answers ${r.status}`);
      if (/format=csv|\.csv$/.test(href)) assert.match(r.headers.get('content-type'), /text\/csv/, `${href} is CSV`);
      await r.arrayBuffer();
    }
    await page.close();
  }
  assert.ok(seen.size > 10);
});

test('the data page lists every bulk export of /api/v1/exports, as CSV and Parquet', async () => {
  const { page } = await open('/data');
  const list = await api(base, '/api/v1/exports');
  const names = await page.locator('#bulk tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.table));
  assert.deepEqual(names, list.data.map((x) => x.name));
  const parquet = await page.locator('#bulk a[href$=".parquet"]').count();
  assert.equal(parquet, list.data.length, 'a Parquet link per table');
  assert.equal(await page.getByText('Parquet: belum tersedia').count(), 0, 'no stale "Parquet not offered" note');
  await page.close();
});

test('without the newer endpoints (compare, trends, exports) the views degrade and still work', async () => {
  const w = await watchedPage(browser.context, DESKTOP);
  await w.page.route('**/openapi.json', async (route) => {
    const response = await route.fetch();
    const spec = await response.json();
    for (const p of ['/api/v1/compare', '/api/v1/kecamatan/{code}/trends', '/api/v1/exports', '/api/v1/exports/{file}']) delete spec.paths[p];
    await route.fulfill({ response, json: spec });
  });
  const seen = [];
  w.page.on('request', (r) => seen.push(new URL(r.url()).pathname));
  await w.page.goto(`${base}/compare?k=${jaten.code},${kerjo.code}`);
  await settled(w.page);
  const heads = await w.page.locator('#compare-table thead th a').allTextContents();
  assert.deepEqual(heads, ['Jaten', 'Kerjo']);
  const cmp = await api(base, `/api/v1/compare?kecamatan=${jaten.code},${kerjo.code}`);
  const cells = await w.page.locator('#compare-table td[data-concept]').count();
  const expected = cmp.indicators.reduce((a, i) => a + i.values.filter(Boolean).length, 0) + cmp.budget.filter(Boolean).length;
  assert.equal(cells, expected, 'the same figures as /api/v1/compare, assembled in the browser');
  await w.page.goto(`${base}/kecamatan/${kerjo.code}`);
  await settled(w.page);
  assert.equal(await w.page.locator('h1').textContent(), 'Kecamatan Kerjo');
  await w.page.goto(`${base}/data`);
  await settled(w.page);
  assert.equal(await w.page.locator('#bulk').count(), 0, 'no bulk export link when the API lacks it');
  assert.ok(!seen.some((p) => p === '/api/v1/compare' || p.endsWith('/trends')), `no call to a missing endpoint: ${seen.filter((p) => p.includes('compare') || p.includes('trends'))}`);
  assert.deepEqual(w.problems, []);
  await w.page.close();
});

test('when the API offers rankings, the table shows its rank, n compared, percentile and quality grade', async () => {
  const w = await watchedPage(browser.context, DESKTOP);
  await w.page.route('**/openapi.json', async (route) => {
    const response = await route.fetch();
    const spec = await response.json();
    spec.paths['/api/v1/rankings/{concept}'] = { get: {} }; // (a grade the API does not give yet)
    await route.fulfill({ response, json: spec });
  });
  let asked = null;
  await w.page.route('**/api/v1/rankings/**', async (route) => {
    asked = new URL(route.request().url());
    const tahun = asked.searchParams.get('tahun');
    const facts = await api(base, `/api/v1/facts?concept=nilai_akip&tahun=${tahun}&limit=1000`);
    const codes = [...new Set(facts.data.map((f) => f.kecamatan_code))];
    await route.fulfill({
      json: {
        concept: 'nilai_akip',
        tahun: Number(tahun),
        scope: 'nasional',
        compared: 41,
        data: codes.map((c, i) => ({ kecamatan_code: c, rank: codes.length - i, compared: 41, percentile: 50, kabupaten_median: 90, quality_grade: i ? 'B' : 'A' })),
        licence: '',
      },
    });
  });
  await w.page.goto(`${base}/?concept=nilai_akip`);
  await settled(w.page);
  assert.ok(asked, 'the rankings endpoint was asked');
  assert.equal(asked.pathname, '/api/v1/rankings/nilai_akip');
  assert.match(await w.page.locator('#n-compared').textContent(), /^41 kecamatan dibandingkan/);
  const grades = await w.page.locator('#ranking tbody tr td:nth-last-child(3)').allTextContents();
  assert.ok(grades.every((g) => g === 'A' || g === 'B'), `grades ${grades}`);
  assert.equal(await w.page.locator('#ranking thead th', { hasText: 'Mutu data' }).count(), 1);
  assert.equal(await w.page.locator('#ranking thead th', { hasText: 'Persentil' }).count(), 1);
  assert.deepEqual(w.problems, []);
  await w.page.close();
});

test('an embedded chart shows the chart alone, without the site chrome', async () => {
  const { page, problems } = await open('/?embed=1&chart=chart-ranking');
  assert.equal(await page.locator('header.site').isVisible(), false);
  assert.equal(await page.locator('main figure[data-chart="chart-ranking"]').count(), 1);
  assert.equal(await page.locator('main h1').count(), 0);
  assert.ok((await page.locator('main figure svg rect.bar').count()) > 0, 'the chart has bars');
  assert.deepEqual(problems, []);
  await page.close();
});

test('all JavaScript together is at most 150 KB', async () => {
  let files = 0;
  const walk = (d) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.m?js$/.test(f)) files += statSync(p).size;
    }
  };
  walk(join(repo, 'web'));
  // What a browser actually loads, over all views.
  const loaded = new Map();
  for (const [, path] of pages()) {
    const { page } = await watchedPage(browser.context, DESKTOP);
    page.on('response', async (r) => {
      if (/javascript/.test(r.headers()['content-type'] || '')) loaded.set(r.url(), (await r.body()).length);
    });
    await page.goto(base + path);
    await settled(page);
    await page.close();
  }
  const served = [...loaded.values()].reduce((a, b) => a + b, 0);
  console.log(`JavaScript: ${files} bytes in web/, ${served} bytes loaded by the views (${loaded.size} files)`);
  assert.ok(files <= JS_BUDGET, `web/ holds ${files} bytes of JavaScript`);
  assert.ok(served <= JS_BUDGET, `views load ${served} bytes of JavaScript`);
  assert.ok(served > 0);
});

test('the pages are served with the strict Content-Security-Policy', async () => {
  const r = await fetch(`${base}/kecamatan/${jaten.code}`);
  const csp = r.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self'/);
  assert.match(csp, /style-src 'self'/);
  const html = await r.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'no inline script');
  assert.doesNotMatch(html, /\sstyle=|<style|\son[a-z]+=/i, 'no inline style or handler');
});

test('a reviewer logs in, corrects a reported figure, and the public sees it; CSRF, 403 and lockout hold', async () => {
  const own = await startServer();
  try {
    const password = 'kata sandi yang panjang';
    addReviewer(own.database, 'bappeda@karanganyar.go.id', password, '33.13');
    addReviewer(own.database, 'camat@kerjo.go.id', password, '33.13');
    const code = jaten.code;
    // A citizen reports a figure from the kecamatan page.
    const w = await watchedPage(browser.context, PHONE);
    await w.page.goto(`${own.base}/kecamatan/${code}`);
    await settled(w.page);
    const report = w.page.locator('.card button.report-error').first();
    const factId = Number(await report.getAttribute('data-fact'));
    await report.click();
    await w.page.fill('#rep-message', 'Realisasi di laporan tertulis 99,99');
    await w.page.fill('#rep-contact', 'warga@example.org');
    await w.page.click('.report-form button[type=submit]');
    const link = w.page.locator('a.report-link');
    await link.waitFor();
    const reference = (await link.textContent()).split('/').pop();

    // The reviewer logs in on a phone and finds it first in the queue.
    await w.page.goto(`${own.base}/review`);
    await settled(w.page);
    await w.page.fill('#login-email', 'bappeda@karanganyar.go.id');
    await w.page.fill('#login-password', password);
    await w.page.click('#login-form button[type=submit]');
    const first = w.page.locator('.review-item').first();
    await first.waitFor();
    assert.equal(Number(await first.getAttribute('data-fact')), factId);
    assert.match(await first.locator('.error-reports').textContent(), new RegExp(reference));
    const note = '<script>window.pwned = 1</script> LKjIP bertanda tangan, hal. 12';
    await first.locator('input[name=realisasi]').fill('99.99');
    await first.locator('textarea[name=note]').fill(note);
    await first.locator('button.correct').click();
    await w.page.waitForFunction((id) => !document.querySelector(`.review-item[data-fact="${id}"]`), factId);
    const cookies = await browser.context.cookies(own.base);
    const session = cookies.find((c) => c.name === 'kinerja_session');
    assert.ok(session && session.httpOnly && session.sameSite === 'Strict', JSON.stringify(cookies));

    // The API and the public status page show the correction, the note as text.
    const shown = (await api(own.base, `/api/v1/kecamatan/${code}/indicators`)).data.find((r) => r.fact_id === factId);
    assert.equal(shown.status, 'corrected');
    assert.equal(shown.realisasi, '99.99');
    await w.page.goto(`${own.base}/laporan/${reference}`);
    await settled(w.page);
    assert.equal(await w.page.locator('.report-status .note').textContent(), note);
    assert.equal(await w.page.evaluate(() => window.pwned), undefined, 'the note is never run');
    assert.match(await w.page.locator('.report-status .status').textContent(), /dikoreksi/);

    // A change without the CSRF token is refused, and so is another kabupaten's figure.
    const status = await w.page.evaluate(async (id) => (await fetch(`/api/v1/facts/${id}/review`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"action":"confirm"}' })).status, factId);
    assert.equal(status, 403);
    const elsewhere = (await api(own.base, '/api/v1/facts?limit=500')).data.find((f) => !f.kecamatan_code.startsWith('33.13.'));
    const forbidden = await w.page.evaluate(async (id) => {
      const s = await (await fetch('/api/v1/session')).json();
      const r = await fetch(`/api/v1/facts/${id}/review`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token }, body: '{"action":"confirm"}' });
      return r.status;
    }, elsewhere.id);
    assert.equal(forbidden, 403);

    // Ten wrong passwords lock the other account: the form says so.
    const p2 = await watchedPage(browser.context, DESKTOP);
    await p2.page.context().clearCookies();
    await p2.page.goto(`${own.base}/review`);
    await settled(p2.page);
    for (let i = 0; i < 10; i++) {
      await p2.page.fill('#login-email', 'camat@kerjo.go.id');
      await p2.page.fill('#login-password', 'salah');
      await p2.page.click('#login-form button[type=submit]');
      await p2.page.waitForFunction(() => { const s = document.querySelector('.form-status'); return s && s.textContent && s.textContent !== 'Memuat…'; });
    }
    await p2.page.fill('#login-password', password);
    await p2.page.click('#login-form button[type=submit]');
    await p2.page.waitForFunction(() => /locked/.test(document.querySelector('.form-status').textContent));
    await p2.page.close();
    await w.page.close();
  } finally {
    await own.stop();
  }
});
