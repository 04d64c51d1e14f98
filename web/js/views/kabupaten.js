// The Bappeda view: every kecamatan of a kabupaten side by side.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { get, url, csv, has } from '../api.js';
import * as fmt from '../fmt.js';
import { actions, sourceButton, select, section, emptyNote, heatClass, dirIcon } from '../ui.js';
import { bars, scatter } from '../chart.js';

export async function render(root, ctx) {
  const code = ctx.arg;
  const kab = await get(`/api/v1/kabupaten/${encodeURIComponent(code)}`);
  const withReports = kab.kecamatan.filter((k) => k.report_years.length);
  const allYears = [...new Set(withReports.flatMap((k) => k.report_years))].sort((a, b) => b - a);
  const wanted = ctx.params.get('tahun');
  const tahun = allYears.includes(Number(wanted)) ? Number(wanted) : 'latest';
  const title = kab.name;
  root.append(
    h('p', { class: 'crumbs' }, h('a', { href: '/' }, t('nav_home')), ' › ', kab.provinsi_name, ' › ', kab.name),
    h('h1', null, title),
    h('p', { class: 'lead' }, `${kab.provinsi_name} · ${t('code')} ${kab.code} · ${t('kab_counts', { n: kab.kecamatan.length, r: withReports.length })}`)
  );
  const shown = withReports
    .map((k) => ({ k, year: tahun === 'latest' ? Math.max(...k.report_years) : k.report_years.includes(tahun) ? tahun : null }))
    .filter((x) => x.year !== null);
  const loaded = await Promise.all(
    shown.map(async ({ k, year }) => {
      const [ind, bud] = await Promise.all([get(url(`/kecamatan/${k.code}/indicators`, { tahun: year })), get(url(`/kecamatan/${k.code}/budget`, { tahun: year }))]);
      return { k, year, ind: ind.data.filter((r) => !r.is_history && r.tahun === year), bud: bud.data.find((b) => b.tahun === year) || null };
    })
  );
  const concepts = (await get('/api/v1/indicators')).data;
  const factsUrl = url('/facts', { kabupaten: kab.code, tahun: tahun === 'latest' ? null : tahun });
  root.append(
    h(
      'div',
      { class: 'toolbar' },
      select({
        id: 'kab-tahun',
        label: t('year'),
        value: tahun,
        options: [{ value: 'latest', label: t('latest_each') }, ...allYears.map((y) => ({ value: y, label: String(y) }))],
        onChange: (v) => ctx.setParams({ tahun: v === 'latest' ? null : v }),
      }),
      loaded.length >= 2 ? h('a', { class: 'button', href: `/compare?k=${loaded.slice(0, 5).map((x) => x.k.code).join(',')}` }, t('compare_these')) : null
    ),
    actions({
      downloads: [{ label: t('all_facts'), csv: csv(factsUrl), json: factsUrl }],
      cites: loaded.map((x) => x.bud && x.bud.source.cite),
    })
  );
  if (!loaded.length) {
    root.append(emptyNote(t('no_reports_kab')));
  } else {
    // Heat table: indicator concepts × kecamatan.
    const used = concepts.filter((c) => loaded.some((x) => x.ind.some((r) => r.concept === c.key)));
    const cell = (x, c) => {
      const r = x.ind.filter((i) => i.concept === c.key).sort((a, b) => (fmt.val(b.capaian_computed) ?? -1) - (fmt.val(a.capaian_computed) ?? -1))[0];
      if (!r) return h('td', { class: 'heat heat-none' }, h('span', { class: 'sr-only' }, t('not_reported')), '–');
      const cap = r.capaian_computed ?? r.capaian_reported;
      return h(
        'td',
        { class: 'heat ' + heatClass(cap), 'data-kec': x.k.code, 'data-concept': c.key },
        h('span', { class: 'heat-cap' }, fmt.pct(cap)),
        h('span', { class: 'heat-sub' }, `${fmt.num(r.realisasi)} / ${fmt.num(r.target)}`),
        r.flags.length ? h('span', { class: 'warn', title: r.flags.join(', '), 'aria-label': t('flagged') }, ' ⚠') : null,
        ' ',
        sourceButton(r.source, `${x.k.name}: ${r.name}`)
      );
    };
    root.append(
      section(
        'heat_title',
        h('p', { class: 'hint' }, t('heat_hint')),
        h('p', { class: 'legend', 'aria-hidden': 'true' }, ['heat-1', 'heat-2', 'heat-3', 'heat-4', 'heat-5'].map((c, i) => h('span', { class: 'swatch ' + c }, ['<50', '50–75', '75–90', '90–100', '≥100'][i]))),
        used.length
          ? h(
              'div',
              { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('heat_title') },
              h(
                'table',
                { class: 'data heat-table', id: 'heat-table' },
                h('caption', null, t('heat_caption', { kab: kab.name })),
                h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('indicator')), loaded.map((x) => h('th', { scope: 'col' }, h('a', { href: `/kecamatan/${x.k.code}?tahun=${x.year}` }, x.k.name), h('span', { class: 'muted' }, ` ${x.year}`))))),
                h('tbody', null, used.map((c) => h('tr', null, h('th', { scope: 'row' }, h('a', { href: `/methodology#concept-${c.key}` }, c.name), ' ', dirIcon(c.direction)), loaded.map((x) => cell(x, c)))))
              )
            )
          : emptyNote(t('no_indicators'))
      )
    );
    // Budget absorption.
    const withBudget = loaded.filter((x) => x.bud);
    root.append(
      section(
        'absorption_title',
        withBudget.length
          ? [
              h(
                'div',
                { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('absorption_title') },
                h(
                  'table',
                  { class: 'data', id: 'absorption-table' },
                  h('caption', null, t('absorption_caption', { kab: kab.name })),
                  h('thead', null, h('tr', null, [t('kecamatan'), t('year'), t('pagu'), t('realisasi'), t('serapan'), t('source')].map((x, i) => h('th', { scope: 'col', class: i && i < 5 ? 'num' : null }, x)))),
                  h(
                    'tbody',
                    null,
                    withBudget.map((x) =>
                      h(
                        'tr',
                        null,
                        h('th', { scope: 'row' }, h('a', { href: `/kecamatan/${x.k.code}?tahun=${x.year}` }, x.k.name)),
                        h('td', { class: 'num' }, String(x.year)),
                        h('td', { class: 'num' }, fmt.rp(x.bud.pagu)),
                        h('td', { class: 'num' }, fmt.rp(x.bud.realisasi)),
                        h('td', { class: 'num' }, fmt.pct(x.bud.serapan_computed ?? x.bud.serapan_reported)),
                        h('td', null, sourceButton(x.bud.source, x.k.name))
                      )
                    )
                  )
                )
              ),
              bars({
                id: 'chart-absorption',
                title: t('absorption_chart', { kab: kab.name }),
                valueLabel: t('serapan'),
                rows: withBudget.map((x) => ({ label: `${x.k.name} ${x.year}`, value: fmt.val(x.bud.serapan_computed ?? x.bud.serapan_reported), display: fmt.pct(x.bud.serapan_computed ?? x.bud.serapan_reported), cls: heatClass(x.bud.serapan_computed) })),
                ref: { value: 100, label: '100 %' },
              }),
            ]
          : emptyNote(t('no_budget'))
      )
    );
    // Spend versus results: the API's composite score when it offers one, else the mean
    // capaian of the comparable indicators, computed here.
    const scores = (await has('/api/v1/scores')) ? await get(url('/scores', { kabupaten: kab.code })).then((r) => r.data || [], () => []) : [];
    const points = loaded.map((x) => {
      const ser = x.bud ? x.bud.serapan_computed ?? x.bud.serapan_reported : null;
      const sc = scores.find((s) => s.kecamatan_code === x.k.code && s.tahun === x.year);
      if (sc) {
        return { label: `${x.k.name} ${x.year}`, x: fmt.val(ser), y: Number(sc.score), xDisplay: fmt.pct(ser), yDisplay: `${fmt.float(Number(sc.score))} (${sc.concepts.length})` };
      }
      const caps = x.ind.filter((r) => r.concept).map((r) => fmt.val(r.capaian_computed ?? r.capaian_reported)).filter((v) => v !== null);
      const mean = caps.length ? caps.reduce((a, b) => a + b, 0) / caps.length : null;
      return { label: `${x.k.name} ${x.year}`, x: fmt.val(ser), y: mean, xDisplay: fmt.pct(ser), yDisplay: mean === null ? '–' : `${fmt.float(mean)} % (n=${caps.length})` };
    });
    const yLabel = scores.length ? t('composite') : t('mean_capaian');
    root.append(
      section(
        'spend_title',
        h('p', { class: 'hint' }, t('spend_hint')),
        scatter({ id: 'chart-spend', title: t('spend_chart', { kab: kab.name }), points, xLabel: t('serapan'), yLabel, note: scores.length ? t('spend_score_note') : null })
      )
    );
  }
  root.append(
    section(
      'all_kec',
      h('ul', { class: 'browse' }, kab.kecamatan.map((k) => h('li', null, h('a', { href: `/kecamatan/${k.code}` }, k.name), k.report_years.length ? h('span', { class: 'muted' }, ` (${k.report_years.join(', ')})`) : h('span', { class: 'muted' }, ` — ${t('no_report_short')}`))))
    )
  );
  return title;
}
