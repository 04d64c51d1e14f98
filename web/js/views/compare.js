// Compare 2–5 kecamatan chosen by the user, side by side.
import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { get, url, has, csv } from '../api.js';
import * as fmt from '../fmt.js';
import { actions, sourceButton, select, section, emptyNote, heatClass, flagList, dirIcon } from '../ui.js';
import { bars } from '../chart.js';
import { search } from './home.js';

const MAX = 5;

/** The comparison as /api/v1/compare answers it, assembled here when the API lacks it. */
async function comparison(codes, tahun) {
  if (await has('/api/v1/compare')) {
    return get(url('/compare', { kecamatan: codes.join(','), tahun }));
  }
  const kecs = await Promise.all(codes.map((c) => get(`/api/v1/kecamatan/${c}`)));
  const per = await Promise.all(
    kecs.map(async (k) => {
      if (!k.report_years.length) return { ind: [], bud: null, y: null };
      const y = tahun && k.report_years.includes(Number(tahun)) ? Number(tahun) : Math.max(...k.report_years);
      const [ind, bud] = await Promise.all([get(url(`/kecamatan/${k.code}/indicators`, { tahun: y })), get(url(`/kecamatan/${k.code}/budget`, { tahun: y }))]);
      return { ind: ind.data.filter((r) => !r.is_history && r.concept), bud: bud.data[0] || null, y };
    })
  );
  const keys = [...new Set(per.flatMap((p) => p.ind.map((r) => r.concept)))].sort();
  return {
    kecamatan: kecs,
    indicators: keys.map((key) => {
      const first = per.flatMap((p) => p.ind).find((r) => r.concept === key);
      return {
        concept: key,
        unit: first.unit,
        direction: first.direction,
        values: per.map((p, i) => {
          const r = p.ind.find((x) => x.concept === key);
          return r ? { ...r, kecamatan_code: kecs[i].code } : null;
        }),
      };
    }),
    budget: per.map((p, i) => (p.bud ? { ...p.bud, kecamatan_code: kecs[i].code } : null)),
  };
}

export async function render(root, ctx) {
  const codes = [...new Set((ctx.params.get('k') || '').split(',').map((x) => x.trim()).filter((x) => /^[0-9.]+$/.test(x)))].slice(0, MAX);
  const tahun = ctx.params.get('tahun') || '';
  const title = t('compare_title');
  root.append(h('h1', null, title), h('p', { class: 'lead' }, t('compare_lead')));

  const setCodes = (list) => ctx.setParams({ k: list.length ? list.join(',') : null });
  const chosen = codes.length ? await Promise.all(codes.map((c) => get(`/api/v1/kecamatan/${c}`).catch(() => null))) : [];
  const valid = chosen.filter(Boolean);

  // The picker.
  const results = h('div', { id: 'compare-results', 'aria-live': 'polite' });
  const input = h('input', { id: 'compare-search', type: 'search', autocomplete: 'off', placeholder: t('search_placeholder'), disabled: valid.length >= MAX });
  let timer = null;
  let seq = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const my = ++seq;
      const q = input.value.trim();
      if (!q) return clear(results);
      const res = await search(q);
      if (my !== seq) return;
      clear(results);
      const cands = res.kecamatan.filter((k) => !codes.includes(k.code));
      results.append(
        cands.length
          ? h(
              'ul',
              { class: 'results' },
              cands.map((k) =>
                h('li', null, h('button', { type: 'button', class: 'add', 'data-code': k.code, on: { click: () => setCodes([...codes, k.code]) } }, `${t('add')} ${k.name}`), h('span', { class: 'muted' }, ` — ${k.kabupaten}`))
              )
            )
          : emptyNote(t('search_none'))
      );
    }, 250);
  });
  root.append(
    h(
      'div',
      { class: 'picker' },
      h('h2', { class: 'sr-only' }, t('chosen')),
      h(
        'ul',
        { class: 'chips', 'aria-label': t('chosen') },
        valid.map((k) => h('li', null, h('a', { href: `/kecamatan/${k.code}` }, k.name), h('button', { type: 'button', class: 'remove', 'aria-label': `${t('remove')} ${k.name}`, on: { click: () => setCodes(codes.filter((c) => c !== k.code)) } }, '×')))
      ),
      h('label', { for: 'compare-search' }, valid.length >= MAX ? t('compare_max') : t('compare_add')),
      input,
      results
    )
  );
  if (valid.length < 2) {
    root.append(emptyNote(t('compare_need')));
    return title;
  }
  const years = [...new Set(valid.flatMap((k) => k.report_years))].sort((a, b) => b - a);
  const cmp = await comparison(valid.map((k) => k.code), tahun);
  const cmpUrl = url('/compare', { kecamatan: valid.map((k) => k.code).join(','), tahun });
  const concepts = new Map((await get('/api/v1/indicators')).data.map((c) => [c.key, c]));
  const kecs = cmp.kecamatan;
  root.append(
    h(
      'div',
      { class: 'toolbar' },
      select({ id: 'compare-tahun', label: t('year'), value: tahun, options: [{ value: '', label: t('latest_each') }, ...years.map((y) => ({ value: y, label: String(y) }))], onChange: (v) => ctx.setParams({ tahun: v || null }) })
    ),
    actions({
      downloads: (await has('/api/v1/compare')) ? [{ label: t('this_comparison'), csv: csv(cmpUrl), json: cmpUrl }] : [],
      cites: cmp.indicators.flatMap((i) => i.values.map((v) => v && v.source.cite)).slice(0, 10),
    })
  );
  const head = h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('indicator')), kecs.map((k) => h('th', { scope: 'col' }, h('a', { href: `/kecamatan/${k.code}` }, k.name), h('span', { class: 'muted' }, ` ${k.kabupaten}`)))));
  const rows = cmp.indicators.map((ind) => {
    const c = concepts.get(ind.concept);
    return h(
      'tr',
      null,
      h('th', { scope: 'row' }, h('a', { href: `/methodology#concept-${ind.concept}` }, c ? c.name : ind.concept), ' ', dirIcon(ind.direction)),
      ind.values.map((v, i) => {
        if (!v) return h('td', { class: 'heat heat-none' }, '–', h('span', { class: 'sr-only' }, t('not_reported')));
        const cap = v.capaian_computed ?? v.capaian_reported;
        return h(
          'td',
          { class: 'heat ' + heatClass(cap), 'data-kec': kecs[i].code, 'data-concept': ind.concept },
          h('span', { class: 'heat-cap' }, fmt.pct(cap)),
          h('span', { class: 'heat-sub' }, `${t('realisasi')} ${fmt.num(v.realisasi)} / ${t('target')} ${fmt.num(v.target)} · ${v.tahun}`),
          flagList(v.flags, v),
          sourceButton(v.source, `${kecs[i].name}: ${v.name}`)
        );
      })
    );
  });
  const budgetRow = h(
    'tr',
    null,
    h('th', { scope: 'row' }, t('serapan')),
    cmp.budget.map((b, i) =>
      b
        ? h('td', { class: 'heat ' + heatClass(b.serapan_computed), 'data-kec': kecs[i].code, 'data-concept': 'serapan' }, h('span', { class: 'heat-cap' }, fmt.pct(b.serapan_computed)), h('span', { class: 'heat-sub' }, `${fmt.rp(b.realisasi)} / ${fmt.rp(b.pagu)} · ${b.tahun}`), sourceButton(b.source, `${kecs[i].name}: ${t('serapan')}`))
        : h('td', { class: 'heat heat-none' }, '–')
    )
  );
  root.append(
    section(
      'compare_table_title',
      h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('compare_table_title') }, h('table', { class: 'data heat-table', id: 'compare-table' }, h('caption', null, t('compare_caption')), head, h('tbody', null, rows, budgetRow)))
    )
  );
  const charts = cmp.indicators
    .filter((ind) => ind.values.filter((v) => v && (v.capaian_computed ?? v.capaian_reported)).length >= 2)
    .map((ind) => {
      const c = concepts.get(ind.concept);
      return bars({
        id: `chart-compare-${ind.concept}`,
        title: `${c ? c.name : ind.concept} — ${t('capaian')}`,
        valueLabel: t('capaian'),
        rows: ind.values.map((v, i) => ({ label: kecs[i].name, value: v ? fmt.val(v.capaian_computed ?? v.capaian_reported) : null, display: v ? fmt.pct(v.capaian_computed ?? v.capaian_reported) : '–', cls: v ? heatClass(v.capaian_computed) : '' })),
        ref: { value: 100, label: '100 %' },
      });
    });
  if (cmp.budget.filter(Boolean).length >= 2) {
    charts.push(
      bars({
        id: 'chart-compare-serapan',
        title: t('serapan'),
        valueLabel: t('serapan'),
        rows: cmp.budget.map((b, i) => ({ label: kecs[i].name, value: b ? fmt.val(b.serapan_computed) : null, display: b ? fmt.pct(b.serapan_computed) : '–' })),
        ref: { value: 100, label: '100 %' },
      })
    );
  }
  if (charts.length) root.append(section('charts_title', h('div', { class: 'chart-grid' }, charts)));
  return title;
}
