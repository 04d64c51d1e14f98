// One kecamatan: identity, scorecard, trend, its place in the kabupaten, budget; every figure
// with its source lines.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { get, url, all, has, csv } from '../api.js';
import * as fmt from '../fmt.js';
import { actions, sourceButton, reportErrorButton, select, section, emptyNote, flagList, confidenceBadge, dirIcon, directionText, formulaText, heatClass, predikat } from '../ui.js';
import { bars, line } from '../chart.js';

function identity(kec) {
  const pr = kec.profile;
  if (!pr) return section('identity', emptyNote(t('no_profile')));
  const row = (label, value, source, what) => [h('dt', null, label), h('dd', null, value ?? '–', ' ', value !== null && value !== undefined ? sourceButton(source, what) : null)];
  const camat = pr.camat;
  const desa = pr.villages.filter((v) => v.jenis === 'desa').length;
  const kel = pr.villages.filter((v) => v.jenis === 'kelurahan').length;
  const vcount = pr.villages.length
    ? `${pr.villages.length}` + (desa || kel ? ` (${desa} ${t('desa')}, ${kel} ${t('kelurahan')})` : '')
    : null;
  return section(
    'identity',
    h('p', { class: 'muted' }, t('profile_from', { year: pr.tahun })),
    h(
      'dl',
      { class: 'identity' },
      row(t('camat'), camat && camat.nama ? camat.nama + (camat.plt ? ` (${t('plt')})` : '') + (camat.nip ? ` · NIP ${camat.nip}` : '') : null, camat && camat.source, t('camat')),
      row(t('area'), pr.luas_km2 ? fmt.num(pr.luas_km2) + ' km²' : null, pr.wilayah_source, t('area')),
      row(t('population'), pr.penduduk ? fmt.num(pr.penduduk) + ' ' + t('people') : null, pr.wilayah_source, t('population')),
      row(t('asn'), pr.jumlah_asn ? fmt.num(pr.jumlah_asn) : null, pr.wilayah_source, t('asn')),
      row(t('villages'), vcount, pr.villages[0] && pr.villages[0].source, t('villages'))
    ),
    pr.villages.length
      ? h(
          'details',
          null,
          h('summary', null, t('village_list', { n: pr.villages.length })),
          h(
            'table',
            { class: 'data' },
            h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('name')), h('th', { scope: 'col' }, t('kind')), h('th', { scope: 'col', class: 'num' }, t('population')), h('th', { scope: 'col' }, t('source')))),
            h(
              'tbody',
              null,
              pr.villages.map((v) => h('tr', null, h('th', { scope: 'row' }, v.nama), h('td', null, v.jenis || '–'), h('td', { class: 'num' }, fmt.num(v.penduduk)), h('td', null, sourceButton(v.source, v.nama))))
            )
          )
        )
      : null
  );
}

function scorecard(rows, conceptsByKey) {
  if (!rows.length) return section('scorecard', emptyNote(t('no_indicators')));
  return section(
    'scorecard',
    h('p', { class: 'hint' }, t('scorecard_hint')),
    h(
      'div',
      { class: 'cards' },
      rows.map((r, i) => {
        const c = r.concept && conceptsByKey.get(r.concept);
        return h(
          'article',
          { class: 'card ' + heatClass(r.capaian_computed ?? r.capaian_reported), 'data-row': i },
          h('h3', { lang: 'id' }, r.name),
          h(
            'p',
            { class: 'muted' },
            c ? h('a', { href: `/methodology#concept-${c.key}` }, c.name) : t('no_concept'),
            r.level ? ` · ${r.level}` : ''
          ),
          h(
            'dl',
            { class: 'figures' },
            h('div', null, h('dt', null, t('target')), h('dd', { class: 'f-target' }, fmt.num(r.target), r.unit ? ` ${r.unit}` : '')),
            h('div', null, h('dt', null, t('realisasi')), h('dd', { class: 'f-realisasi' }, fmt.num(r.realisasi), r.unit ? ` ${r.unit}` : '')),
            h('div', { class: 'big' }, h('dt', null, t('capaian')), h('dd', { class: 'f-capaian' }, fmt.pct(r.capaian_computed ?? r.capaian_reported))),
            predikat(r.concept, r.realisasi) ? h('div', null, h('dt', null, t('predikat')), h('dd', { class: 'f-predikat' }, predikat(r.concept, r.realisasi))) : null
          ),
          h('p', { class: 'formula' }, dirIcon(r.direction), ' ', directionText(r.direction), ' · ', h('code', null, formulaText(r.direction))),
          r.capaian_reported && fmt.val(r.capaian_reported) !== fmt.val(r.capaian_computed) && !r.flags.includes('capaian_mismatch')
            ? h('p', { class: 'muted' }, t('reported_as', { v: fmt.pct(r.capaian_reported) }))
            : null,
          flagList(r.flags, r),
          confidenceBadge(r),
          h('p', { class: 'card-src' }, sourceButton(r.source, r.name), ' ', reportErrorButton(r.fact_id, r.name))
        );
      })
    ),
    h(
      'details',
      { class: 'chart-table' },
      h('summary', null, t('scorecard_table')),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'data', id: 'scorecard-table' },
          h('caption', null, t('scorecard')),
          h('thead', null, h('tr', null, [t('indicator'), t('target'), t('realisasi'), t('capaian_reported'), t('capaian_computed'), t('direction')].map((x, i) => h('th', { scope: 'col', class: i ? 'num' : null }, x)))),
          h(
            'tbody',
            null,
            rows.map((r) =>
              h('tr', null, h('th', { scope: 'row' }, r.name), h('td', { class: 'num' }, fmt.num(r.target)), h('td', { class: 'num' }, fmt.num(r.realisasi)), h('td', { class: 'num' }, fmt.pct(r.capaian_reported)), h('td', { class: 'num' }, fmt.pct(r.capaian_computed)), h('td', null, directionText(r.direction)))
            )
          )
        )
      )
    )
  );
}

async function place(kec, rows, tahun, ctx) {
  const concepts = [...new Set(rows.map((r) => r.concept).filter(Boolean))];
  if (!concepts.length) return null;
  const lines = [];
  const withRankings = await has('/api/v1/rankings/{concept}');
  for (const concept of concepts) {
    const facts = (await all(url('/facts', { concept, tahun, kabupaten: kec.kabupaten_code, limit: 500 }))).data.filter((f) => !f.is_history);
    const by = new Map();
    for (const f of facts) {
      const v = fmt.val(f.capaian_computed ?? f.capaian_reported);
      if (v === null) continue;
      if (!by.has(f.kecamatan_code) || v > by.get(f.kecamatan_code).v) by.set(f.kecamatan_code, { v, f });
    }
    const mine = by.get(kec.code);
    const vals = [...by.values()].map((x) => x.v);
    const sorted = [...by.values()].sort((a, b) => b.v - a.v);
    const line = {
      concept,
      name: rows.find((r) => r.concept === concept).name,
      mine: mine ? mine.f.capaian_computed ?? mine.f.capaian_reported : null,
      median: fmt.median(vals),
      n: vals.length,
      rank: mine ? sorted.findIndex((x) => x.f.kecamatan_code === kec.code) + 1 : null,
      peers: sorted.filter((x) => x.f.kecamatan_code !== kec.code).map((x) => x.f),
    };
    // The API's own standing, when it offers rankings.
    if (withRankings) {
      try {
        const rk = await get(url(`/rankings/${encodeURIComponent(concept)}`, { tahun, kabupaten: kec.kabupaten_code }));
        const me = (rk.data || []).find((x) => x.kecamatan_code === kec.code);
        if (me) {
          // The API ranks on realisasi (direction-aware); its median is of realisasi too.
          line.apiRank = me.rank ?? me.rank_kabupaten ?? null;
          line.apiN = me.compared ?? me.n_kabupaten ?? null;
          line.realMedian = me.kabupaten_median ?? null;
          line.realisasi = me.realisasi ?? null;
        }
      } catch {
        /* keep the figures computed here */
      }
    }
    lines.push(line);
  }
  if (ctx.stale()) return null;
  // The composite score (mean capped capaian) and its ranks, when the API offers them.
  let score = null;
  if (await has('/api/v1/scores')) {
    try {
      const sc = await get(url('/scores', { tahun, kabupaten: kec.kabupaten_code }));
      score = (sc.data || []).find((x) => x.kecamatan_code === kec.code) || null;
    } catch {
      score = null;
    }
  }
  return section(
    'place_title',
    score
      ? h(
          'p',
          { class: 'score', id: 'composite-score' },
          h('strong', null, t('composite'), ': ', fmt.float(Number(score.score)), ' '),
          t('composite_text', {
            k: score.concepts.length,
            rk: score.rank_kabupaten,
            nk: score.n_kabupaten,
            rp: score.rank_provinsi,
            np: score.n_provinsi,
            rn: score.rank_nasional,
            nn: score.n_nasional,
          }),
          ' ',
          h('a', { href: '/methodology#composite' }, t('how_computed'))
        )
      : null,
    h('p', { class: 'hint' }, t('place_hint', { kab: kec.kabupaten, year: tahun }), withRankings ? ' ' + t('place_api_hint') : ''),
    h(
      'div',
      { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('place_title') },
      h(
        'table',
        { class: 'data', id: 'place-table' },
        h('caption', null, t('place_caption', { kab: kec.kabupaten, year: tahun })),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            [t('indicator'), t('capaian'), t('kab_median'), t('rank_cap'), withRankings ? t('rank_api') : null, withRankings ? t('median_real') : null, t('peers')]
              .filter(Boolean)
              .map((x, i, all) => h('th', { scope: 'col', class: i && i < all.length - 1 ? 'num' : null }, x))
          )
        ),
        h(
          'tbody',
          null,
          lines.map((l) =>
            h(
              'tr',
              null,
              h('th', { scope: 'row' }, l.name),
              h('td', { class: 'num' }, fmt.pct(l.mine)),
              h('td', { class: 'num' }, l.median === null || l.median === undefined ? '–' : fmt.float(Number(l.median)) + ' %'),
              h('td', { class: 'num' }, l.rank ? t('rank_of', { rank: l.rank, n: l.n }) : '–'),
              withRankings ? h('td', { class: 'num' }, l.apiRank ? t('rank_of', { rank: l.apiRank, n: l.apiN }) : '–') : null,
              withRankings ? h('td', { class: 'num' }, l.realMedian === null || l.realMedian === undefined ? '–' : fmt.float(Number(l.realMedian))) : null,
              h('td', null, l.peers.length ? l.peers.map((f, i) => [i ? ', ' : '', h('a', { href: `/kecamatan/${f.kecamatan_code}?tahun=${tahun}` }, f.kecamatan), ` ${fmt.pct(f.capaian_computed ?? f.capaian_reported)}`]) : t('no_peers'))
            )
          )
        )
      )
    )
  );
}

function trends(tr) {
  if (!tr) return null;
  const charts = tr.indicators
    .filter((x) => x.points.filter((p) => p.realisasi !== null).length > 1)
    .map((x, i) =>
      line({
        id: `chart-trend-${i}`,
        title: `${x.name} — ${t('realisasi')}${x.unit ? ' (' + x.unit + ')' : ''}`,
        valueLabel: t('realisasi'),
        points: x.points.map((p) => ({ x: p.tahun, y: fmt.val(p.realisasi), display: fmt.num(p.realisasi), source: p.source })),
        note: x.points.some((p) => p.from_later_report) ? t('from_later_report') : null,
      })
    );
  const budget = tr.budget.filter((b) => b.serapan_computed !== null);
  if (budget.length > 1) {
    charts.push(
      line({
        id: 'chart-trend-serapan',
        title: t('serapan_trend'),
        valueLabel: t('serapan'),
        points: budget.map((b) => ({ x: b.tahun, y: fmt.val(b.serapan_computed), display: fmt.pct(b.serapan_computed), source: b.source })),
      })
    );
  }
  return section('trend_title', charts.length ? h('div', { class: 'chart-grid' }, charts) : emptyNote(t('no_trend')));
}

function budget(b) {
  if (!b) return section('budget_title', emptyNote(t('no_budget')));
  const programs = b.items.filter((i) => i.level === 'program');
  const items = programs.length ? programs : b.items;
  return section(
    'budget_title',
    h(
      'dl',
      { class: 'totals' },
      h('div', null, h('dt', null, t('pagu')), h('dd', { id: 'budget-pagu' }, fmt.rp(b.pagu))),
      h('div', null, h('dt', null, t('realisasi')), h('dd', { id: 'budget-realisasi' }, fmt.rp(b.realisasi))),
      h('div', { class: 'big' }, h('dt', null, t('serapan')), h('dd', { id: 'budget-serapan' }, fmt.pct(b.serapan_computed ?? b.serapan_reported), ' ', sourceButton(b.source, t('budget_title'))))
    ),
    b.serapan_reported && b.serapan_computed && fmt.val(b.serapan_reported) !== fmt.val(b.serapan_computed) ? flagList(['serapan_mismatch'], b) : null,
    confidenceBadge(b),
    h(
      'div',
      { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('budget_caption') },
      h(
        'table',
        { class: 'data', id: 'budget-table' },
        h('caption', null, t('budget_caption')),
        h('thead', null, h('tr', null, [t('program'), t('pagu'), t('realisasi'), t('serapan'), t('notes'), t('source')].map((x, i) => h('th', { scope: 'col', class: i && i < 4 ? 'num' : null }, x)))),
        h(
          'tbody',
          null,
          items.map((it) =>
            h(
              'tr',
              null,
              h('th', { scope: 'row', lang: 'id' }, it.kode ? h('span', { class: 'kode' }, it.kode + ' ') : null, it.name),
              h('td', { class: 'num' }, fmt.rp(it.pagu)),
              h('td', { class: 'num' }, fmt.rp(it.realisasi)),
              h('td', { class: 'num' }, fmt.pct(it.serapan_computed ?? it.serapan_reported)),
              h('td', null, flagList(it.flags, it) || '', confidenceBadge(it)),
              h('td', null, sourceButton(it.source, it.name))
            )
          )
        )
      )
    ),
    items.some((i) => i.serapan_computed !== null)
      ? bars({
          id: 'chart-serapan',
          title: t('serapan_per_program'),
          valueLabel: t('serapan'),
          rows: items.map((i) => ({ label: (i.kode ? i.kode + ' ' : '') + i.name, value: fmt.val(i.serapan_computed ?? i.serapan_reported), display: fmt.pct(i.serapan_computed ?? i.serapan_reported), cls: heatClass(i.serapan_computed) })),
          ref: { value: 100, label: '100 %' },
        })
      : null,
    programs.length && b.items.length > programs.length
      ? h(
          'details',
          { class: 'budget-all' },
          h('summary', null, t('budget_all', { n: b.items.length })),
          h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: 'data', id: 'budget-all-table' },
              h('caption', null, t('budget_all_caption')),
              h('thead', null, h('tr', null, [t('level'), t('name'), t('pagu'), t('realisasi'), t('serapan'), t('source')].map((x, i) => h('th', { scope: 'col', class: i > 1 && i < 5 ? 'num' : null }, x)))),
              h(
                'tbody',
                null,
                b.items.map((it) =>
                  h(
                    'tr',
                    { class: 'lvl-' + it.level },
                    h('td', null, it.level.replace('_', ' ')),
                    h('th', { scope: 'row' }, it.kode ? h('span', { class: 'kode' }, it.kode + ' ') : null, it.name, flagList(it.flags, it)),
                    h('td', { class: 'num' }, fmt.rp(it.pagu)),
                    h('td', { class: 'num' }, fmt.rp(it.realisasi)),
                    h('td', { class: 'num' }, fmt.pct(it.serapan_computed ?? it.serapan_reported)),
                    h('td', null, sourceButton(it.source, it.name))
                  )
                )
              )
            )
          )
        )
      : null
  );
}

/** "Riwayat perubahan / Change history": the logged changes of this kecamatan's figures. */
async function history(code, reportId) {
  const changesUrl = url('/changes', { kecamatan: code, limit: 50 });
  let page;
  try {
    page = await get(changesUrl);
  } catch {
    return null; // a server without the change log
  }
  const original = reportId ? h('p', null, h('a', { href: `/api/v1/reports/${reportId}/original`, id: 'original-link' }, t('original_download'))) : null;
  if (!page.data.length) return h('div', { id: 'history' }, section('history', emptyNote(t('history_none')), original));
  const figure = (c) => {
    const [kind, ...rest] = c.figure.split(':');
    return kind === 'indicator' || kind === 'history' ? rest.slice(0, -1).join(':') + ` (${rest[rest.length - 1]})` : c.figure;
  };
  const cause = (c) => (c.cause === 'new report' ? t('history_cause_new_report') : c.cause);
  return h(
    'div',
    { id: 'history' },
    section(
      'history',
      h('p', { class: 'hint' }, t('history_hint')),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'data', id: 'history-table' },
          h('caption', null, t('history')),
          h('thead', null, h('tr', null, [t('history_when'), t('history_figure'), t('history_field'), t('history_old'), t('history_new'), t('history_cause')].map((x) => h('th', { scope: 'col' }, x)))),
          h(
            'tbody',
            null,
            page.data.map((c) =>
              h(
                'tr',
                null,
                h('td', null, c.changed_at.slice(0, 10)),
                h('th', { scope: 'row', lang: 'id' }, figure(c)),
                h('td', null, c.field),
                h('td', { class: 'num' }, c.old_value ?? '–'),
                h('td', { class: 'num' }, c.new_value ?? '–'),
                h('td', null, cause(c))
              )
            )
          )
        )
      ),
      page.total > page.data.length ? h('p', null, h('a', { href: csv(url('/changes', { kecamatan: code, limit: 1000 })) }, t('history_more', { n: page.total - page.data.length }))) : null,
      original
    )
  );
}

export async function render(root, ctx) {
  const code = ctx.arg;
  const kec = await get(`/api/v1/kecamatan/${encodeURIComponent(code)}`);
  const years = [...kec.report_years].sort((a, b) => b - a);
  const tahun = years.includes(Number(ctx.params.get('tahun'))) ? Number(ctx.params.get('tahun')) : years[0];
  const title = `${t('kec')} ${kec.name}`;
  root.append(
    h('p', { class: 'crumbs' }, h('a', { href: '/' }, t('nav_home')), ' › ', kec.provinsi, ' › ', h('a', { href: `/kabupaten/${kec.kabupaten_code}` }, kec.kabupaten), ' › ', kec.name),
    h('h1', null, title),
    h('p', { class: 'lead' }, `${kec.kabupaten}, ${kec.provinsi} · ${t('code')} ${kec.code}`)
  );
  if (!years.length) {
    root.append(emptyNote(t('no_reports')));
    return title;
  }
  const conceptsP = get('/api/v1/indicators');
  const indUrl = url(`/kecamatan/${code}/indicators`, { tahun });
  const budUrl = url(`/kecamatan/${code}/budget`, { tahun });
  const [ind, bud, tr, concepts] = await Promise.all([
    get(indUrl),
    get(budUrl),
    has('/api/v1/kecamatan/{code}/trends').then((yes) => (yes ? get(`/api/v1/kecamatan/${code}/trends`).catch(() => null) : null)),
    conceptsP,
  ]);
  const conceptsByKey = new Map(concepts.data.map((c) => [c.key, c]));
  const rows = ind.data.filter((r) => !r.is_history && r.tahun === tahun);
  const b = bud.data.find((x) => x.tahun === tahun) || bud.data[0] || null;
  root.append(
    h(
      'div',
      { class: 'toolbar' },
      select({ id: 'kec-tahun', label: t('report_year'), value: tahun, options: years.map((y) => ({ value: y, label: String(y) })), onChange: (v) => ctx.setParams({ tahun: v }) }),
      h('a', { class: 'button', id: 'compare-link', href: `/compare?k=${kec.code}` }, t('compare_with'))
    ),
    actions({
      downloads: [
        { label: t('indicators'), csv: csv(indUrl), json: indUrl },
        { label: t('budget_title'), csv: csv(budUrl), json: budUrl },
      ],
      cites: [rows[0] && rows[0].source.cite, b && b.source.cite],
    }),
    identity(kec),
    scorecard(rows, conceptsByKey)
  );
  const pl = await place(kec, rows, tahun, ctx);
  root.append(pl || '', trends(tr) || '', budget(b));
  const hist = await history(kec.code, (rows[0] && rows[0].source.report_id) || (b && b.report_id) || null);
  if (hist) root.append(hist);
  return title;
}
