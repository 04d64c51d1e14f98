// Home: find a kecamatan or kabupaten; rank the kecamatan on one indicator and year.
import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { get, url, all, has, csv } from '../api.js';
import * as fmt from '../fmt.js';
import { actions, sourceButton, select, section, emptyNote, sortableTable, flagText, dirIcon, directionText, predikat } from '../ui.js';
import { bars } from '../chart.js';

const norm = (x) =>
  x
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\b(kabupaten|kab\.?|kota|kecamatan|kec\.?)\b/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

function lev(a, b) {
  if (Math.abs(a.length - b.length) > 2) return 9;
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length];
}

/** Kecamatan from the API's tolerant search, kabupaten matched here (few, all known). */
export async function search(q) {
  const [kec, kab] = await Promise.all([
    get(url('/kecamatan', { q, limit: 10 })).catch(() => ({ data: [] })),
    get('/api/v1/kabupaten').catch(() => ({ data: [] })),
  ]);
  const nq = norm(q);
  const kabs = nq
    ? kab.data.filter((k) => {
        const n = norm(k.name);
        return n.includes(nq) || n.split(' ').some((w) => w.length > 3 && lev(w, nq) <= (nq.length > 6 ? 2 : 1));
      })
    : [];
  // Kecamatan with reports first; the API's order (closeness) otherwise.
  const withData = (k) => (k.report_years && k.report_years.length ? 0 : 1);
  const kecs = kec.data.map((k, i) => [k, i]).sort((a, b) => withData(a[0]) - withData(b[0]) || a[1] - b[1]).map(([k]) => k);
  return { kecamatan: kecs, kabupaten: kabs.slice(0, 5) };
}

function resultList(res) {
  if (!res.kecamatan.length && !res.kabupaten.length) return emptyNote(t('search_none'));
  return h(
    'ul',
    { class: 'results' },
    res.kecamatan.map((k) =>
      h(
        'li',
        null,
        h('a', { href: `/kecamatan/${k.code}`, class: 'result-kec' }, `${t('kec')} ${k.name}`),
        h('span', { class: 'muted' }, ` — ${k.kabupaten}, ${k.provinsi}`),
        k.report_years && k.report_years.length ? h('span', { class: 'muted' }, ` · ${t('reports')} ${k.report_years.join(', ')}`) : h('span', { class: 'muted' }, ` · ${t('no_report_short')}`)
      )
    ),
    res.kabupaten.map((k) => h('li', null, h('a', { href: `/kabupaten/${k.code}`, class: 'result-kab' }, k.name), h('span', { class: 'muted' }, ` — ${k.kecamatan_count} ${t('kec_count')}`)))
  );
}

function rankRows(facts) {
  // One row per kecamatan: its main result for the concept (the first with a capaian).
  const by = new Map();
  for (const f of facts) {
    const prev = by.get(f.kecamatan_code);
    const score = (x) => (x.capaian_computed ? 2 : 0) + (x.realisasi ? 1 : 0);
    if (!prev || score(f) > score(prev)) by.set(f.kecamatan_code, f);
  }
  const rows = [...by.values()].map((f) => ({ ...f, _cap: fmt.val(f.capaian_computed ?? f.capaian_reported) }));
  const ranked = rows.filter((r) => r._cap !== null && r.confidence !== 'low').sort((a, b) => b._cap - a._cap);
  let rank = 0;
  let last = null;
  ranked.forEach((r, i) => {
    if (r._cap !== last) rank = i + 1;
    last = r._cap;
    r._rank = rank;
  });
  return rows;
}

export async function render(root, ctx) {
  const p = ctx.params;
  const q = p.get('q') || '';
  root.append(h('h1', null, t('home_title')), h('p', { class: 'lead' }, t('home_lead')));

  // Search
  const results = h('div', { id: 'search-results', 'aria-live': 'polite' });
  const input = h('input', { id: 'search', type: 'search', name: 'q', value: q, autocomplete: 'off', placeholder: t('search_placeholder'), 'aria-describedby': 'search-hint' });
  let timer = null;
  let seq = 0;
  const run = async (text) => {
    const my = ++seq;
    if (!text.trim()) {
      clear(results);
      return;
    }
    const res = await search(text.trim());
    if (my !== seq) return;
    clear(results);
    results.append(resultList(res));
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), 250);
  });
  const form = h(
    'form',
    { role: 'search', class: 'search', on: { submit: (ev) => {
      ev.preventDefault();
      ctx.setParams({ q: input.value.trim() || null });
    } } },
    h('label', { for: 'search' }, t('search_label')),
    h('div', { class: 'search-row' }, input, h('button', { type: 'submit' }, t('search_button'))),
    h('p', { id: 'search-hint', class: 'hint' }, t('search_hint'))
  );
  root.append(form, results);
  if (q) {
    results.append(resultList(await search(q)));
  }

  // Ranking
  const concepts = (await get('/api/v1/indicators')).data;
  if (!concepts.length) return t('home_title');
  // Without a choice: the indicator and year that compare the most kecamatan.
  let best = null;
  if (!concepts.some((c) => c.key === p.get('concept'))) {
    const sample = (await get(url('/facts', { limit: 1000 }))).data.filter((f) => f.concept && !f.is_history);
    const n = new Map();
    for (const f of sample) {
      const k = `${f.concept}|${f.tahun}`;
      if (!n.has(k)) n.set(k, new Set());
      n.get(k).add(f.kecamatan_code);
    }
    const top = [...n].sort((a, b) => b[1].size - a[1].size || b[0].localeCompare(a[0]))[0];
    if (top) best = { concept: top[0].split('|')[0], tahun: Number(top[0].split('|')[1]) };
  }
  const concept = concepts.find((c) => c.key === (p.get('concept') || (best && best.concept))) || concepts[0];
  // The years with figures for it: one tiny request per candidate year (scales to a national
  // warehouse; the counts are the API's totals).
  const thisYear = new Date().getFullYear();
  const candidates = [];
  for (let y = thisYear + 1; y >= 2015; y--) candidates.push(y);
  const totals = await Promise.all(candidates.map((y) => get(url('/facts', { concept: concept.key, tahun: y, limit: 1 })).then((r) => r.total, () => 0)));
  const yearN = new Map(candidates.map((y, i) => [y, totals[i]]).filter(([, n]) => n > 0));
  const years = [...yearN.keys()];
  const bestYear = years.slice().sort((a, b) => yearN.get(b) - yearN.get(a) || b - a)[0];
  const tahun = years.includes(Number(p.get('tahun'))) ? Number(p.get('tahun')) : best && years.includes(best.tahun) ? best.tahun : bestYear;
  const provinsi = p.get('provinsi') || '';
  const kabupaten = p.get('kabupaten') || '';
  const [provList, kabAll] = await Promise.all([get('/api/v1/provinsi'), get('/api/v1/kabupaten')]);
  const provs = new Map(provList.data.map((x) => [x.code, x.name]));
  const kabs = new Map(kabAll.data.filter((k) => !provinsi || k.provinsi_code === provinsi).map((k) => [k.code, k.name]));
  const facts = tahun ? (await all(url('/facts', { concept: concept.key, tahun, provinsi, kabupaten, limit: 1000 }), 50)).data.filter((f) => !f.is_history) : [];
  // The publication rule (methodology §0): a low-confidence figure is shown, with its flag,
  // but not ranked until a reviewer confirms it (rankRows gives it no rank).
  const lowKec = new Set(facts.filter((f) => f.confidence === 'low').map((f) => f.kecamatan_code));
  const rows = rankRows(facts);

  // Rankings and quality grades from the API when it offers them.
  let ranking = null;
  if (await has('/api/v1/rankings/{concept}')) {
    try {
      ranking = await get(url(`/rankings/${encodeURIComponent(concept.key)}`, { tahun, kabupaten, provinsi: kabupaten ? null : provinsi }));
    } catch {
      ranking = null;
    }
  }
  const rk = new Map();
  if (ranking && Array.isArray(ranking.data)) {
    for (const r of ranking.data) rk.set(r.kecamatan_code, r);
    for (const r of rows) {
      const x = rk.get(r.kecamatan_code);
      if (!x) continue;
      // /api/v1/rankings: `rank`, `compared` and `percentile` (0–100) within the scope the
      // filters name (kabupaten, provinsi, else the country).
      const scope = ranking.scope || (kabupaten ? 'kabupaten' : provinsi ? 'provinsi' : 'nasional');
      r._rank = x.rank ?? x[`rank_${scope}`] ?? null;
      r._n = x.compared ?? x[`n_${scope}`] ?? null;
      r._grade = x.quality_grade ?? x.grade ?? (x.quality && x.quality.grade) ?? null;
      r._pct = x.percentile ?? x[`percentile_${scope}`] ?? null;
      r._median = x.kabupaten_median ?? null;
    }
  }
  const hasGrade = rows.some((r) => r._grade);
  const hasPct = rows.some((r) => r._pct !== null && r._pct !== undefined);
  const apiN = ranking && typeof ranking.compared === 'number' ? ranking.compared : rows.map((r) => r._n).find((x) => typeof x === 'number');
  const n = apiN ?? rows.filter((r) => r._rank).length;

  const sort = p.get('sort') || 'rank';
  const dir = p.get('dir') || 'asc';
  const columns = [
    { key: 'rank', label: t('rank'), num: true, value: (r) => r._rank ?? null, cell: (r) => (r._rank ? String(r._rank) : '–') },
    { key: 'kecamatan', label: t('kecamatan'), rowHeader: true, value: (r) => r.kecamatan, cell: (r) => h('a', { href: `/kecamatan/${r.kecamatan_code}?tahun=${r.tahun}` }, r.kecamatan) },
    { key: 'kabupaten', label: t('kabupaten'), value: (r) => r.kabupaten, cell: (r) => h('a', { href: `/kabupaten/${r.kabupaten_code}` }, r.kabupaten) },
    { key: 'target', label: t('target'), num: true, value: (r) => fmt.val(r.target), cell: (r) => fmt.num(r.target) },
    {
      key: 'realisasi',
      label: t('realisasi'),
      num: true,
      defaultDir: concept.direction === 'lower_is_better' ? 'asc' : 'desc',
      value: (r) => fmt.val(r.realisasi),
      cell: (r) => fmt.num(r.realisasi),
    },
    {
      key: 'capaian',
      label: t('capaian'),
      num: true,
      defaultDir: 'desc',
      value: (r) => r._cap,
      cell: (r) => h('span', { class: 'cap', 'data-value': r.capaian_computed ?? '' }, fmt.pct(r.capaian_computed ?? r.capaian_reported), r.flags.length ? h('span', { class: 'warn', title: r.flags.map((f) => flagText(f, r)).join('; '), 'aria-label': r.flags.map((f) => flagText(f, r)).join('; ') }, ' ⚠') : null),
    },
    predikat(concept.key, '50') !== null ? { key: 'predikat', label: t('predikat'), value: (r) => fmt.val(r.realisasi), defaultDir: 'desc', cell: (r) => predikat(concept.key, r.realisasi) || '–' } : null,
    hasPct ? { key: 'pct', label: t('percentile'), num: true, value: (r) => r._pct ?? null, defaultDir: 'desc', cell: (r) => (r._pct === null || r._pct === undefined ? '–' : fmt.float(Number(r._pct), 0)) } : null,
    rows.some((r) => r._median !== null && r._median !== undefined)
      ? { key: 'median', label: t('median_real'), num: true, value: (r) => r._median ?? null, cell: (r) => (r._median === null || r._median === undefined ? '–' : fmt.float(Number(r._median))) }
      : null,
    hasGrade ? { key: 'grade', label: t('quality_grade'), value: (r) => r._grade, cell: (r) => r._grade || '–' } : null,
    { key: 'source', label: t('source'), cell: (r) => sourceButton(r.source, `${r.kecamatan}: ${r.name}`) },
    {
      key: 'pick',
      label: t('pick'),
      cell: (r) =>
        h(
          'label',
          { class: 'pick' },
          h('input', { type: 'checkbox', class: 'pick-box', value: r.kecamatan_code, on: { change: updatePick } }),
          h('span', { class: 'sr-only' }, t('pick_label', { name: r.kecamatan }))
        ),
    },
  ].filter(Boolean);
  const pickBtn = h('a', { class: 'button', id: 'compare-picked', href: '/compare', 'aria-disabled': 'true' }, t('compare_picked', { n: 0 }));
  function updatePick() {
    const codes = [...root.querySelectorAll('.pick-box:checked')].map((b) => b.value).slice(0, 5);
    pickBtn.textContent = t('compare_picked', { n: codes.length });
    pickBtn.setAttribute('href', codes.length ? `/compare?k=${codes.join(',')}` : '/compare');
    pickBtn.setAttribute('aria-disabled', String(codes.length < 2));
  }

  const conceptSel = select({
    id: 'rank-concept',
    label: t('indicator'),
    value: concept.key,
    options: concepts.map((c) => ({ value: c.key, label: c.name })),
    onChange: (v) => ctx.setParams({ concept: v, tahun: null, kabupaten: null, provinsi: null }),
  });
  const yearSel = select({
    id: 'rank-tahun',
    label: t('year'),
    value: tahun,
    options: years.map((y) => ({ value: y, label: `${y} (${yearN.get(y)} ${t('figures')})` })),
    onChange: (v) => ctx.setParams({ tahun: v }),
  });
  const provSel = select({
    id: 'rank-provinsi',
    label: t('provinsi'),
    value: provinsi,
    options: [{ value: '', label: t('all') }, ...[...provs].map(([code, name]) => ({ value: code, label: name }))],
    onChange: (v) => ctx.setParams({ provinsi: v, kabupaten: null }),
  });
  const kabSel = select({
    id: 'rank-kabupaten',
    label: t('kabupaten'),
    value: kabupaten,
    options: [{ value: '', label: t('all') }, ...[...kabs].map(([code, name]) => ({ value: code, label: name }))],
    onChange: (v) => ctx.setParams({ kabupaten: v }),
  });

  const apiQuery = { concept: concept.key, tahun, provinsi, kabupaten };
  const factsUrl = url('/facts', apiQuery);
  const CHART_MAX = 30;
  const TABLE_MAX = 200;
  const ranked = rows.filter((r) => r._cap !== null && r.confidence !== 'low').sort((a, b) => b._cap - a._cap);
  const chartRows = ranked
    .slice(0, CHART_MAX)
    .map((r) => ({ label: r.kecamatan, value: r._cap, display: fmt.pct(r.capaian_computed ?? r.capaian_reported) }));

  root.append(
    section(
      'ranking_title',
      h('div', { class: 'filters' }, conceptSel, yearSel, provSel, kabSel),
      h(
        'p',
        { class: 'concept-info' },
        dirIcon(concept.direction),
        ' ',
        directionText(concept.direction),
        concept.unit ? ` · ${t('unit')}: ${concept.unit}` : '',
        concept.scale ? ` · ${t('scale')}: ${concept.scale}` : '',
        ' · ',
        h('a', { href: `/methodology#concept-${concept.key}` }, t('how_computed'))
      ),
      h('p', { class: 'n-compared', id: 'n-compared' }, t('n_compared', { n, year: tahun }), ' ', ranking ? t('ranked_api') : t('ranked_here')),
      leftOut(ranking, lowKec),
      rows.length
        ? sortableTable({
            id: 'ranking',
            caption: t('ranking_caption', { concept: concept.name, year: tahun }),
            columns,
            rows,
            sort,
            dir,
            onSort: (key, d) => ctx.setParams({ sort: key, dir: d }),
            limit: p.get('all') === '1' ? Infinity : TABLE_MAX,
            more: () => ctx.setParams({ all: '1' }),
          })
        : emptyNote(t('no_data')),
      rows.length ? h('p', { class: 'pick-bar' }, pickBtn, ' ', h('span', { class: 'hint' }, t('pick_hint'))) : null,
      chartRows.length
        ? bars({
            id: 'chart-ranking',
            title: t('ranking_chart', { concept: concept.name, year: tahun }),
            rows: chartRows,
            valueLabel: t('capaian'),
            ref: { value: 100, label: '100 %' },
            note: ranked.length > CHART_MAX ? t('chart_top', { k: CHART_MAX, n: ranked.length }) : null,
          })
        : null,
      actions({
        downloads: [{ label: t('this_ranking'), csv: csv(factsUrl), json: factsUrl }],
        cites: rows.map((r) => r.source && r.source.cite),
      })
    )
  );
  // Every kecamatan the warehouse holds a current report for.
  const reportPage = await get('/api/v1/reports?limit=200');
  const reports = reportPage.data.filter((r) => !r.superseded_by);
  const withReports = new Map();
  for (const r of reports) {
    const e = withReports.get(r.kecamatan_code) || { code: r.kecamatan_code, name: r.kecamatan, kabupaten: r.kabupaten, years: [] };
    e.years.push(r.tahun);
    withReports.set(r.kecamatan_code, e);
  }
  root.append(
    section(
      'browse_title',
      h(
        'ul',
        { class: 'browse', id: 'browse' },
        [...withReports.values()]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((k) => h('li', null, h('a', { href: `/kecamatan/${k.code}` }, k.name), h('span', { class: 'muted' }, ` — ${k.kabupaten} (${k.years.sort().join(', ')})`)))
      ),
      reportPage.total > reportPage.data.length ? h('p', { class: 'hint' }, t('browse_more', { n: reportPage.total })) : null
    )
  );
  return t('home_title');
}

/** How many figures the ranking left out and why (the API's `left_out`, else the low ones seen). */
function leftOut(ranking, lowKec) {
  const count = ranking && ranking.left_out && typeof ranking.left_out.count === 'number' ? ranking.left_out.count : lowKec.size;
  if (!count) return null;
  return h('p', { class: 'hint', id: 'left-out' }, t('left_out_low', { n: count }), ' ', h('a', { href: '/methodology' }, t('how_computed')));
}
