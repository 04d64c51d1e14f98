// Data: every collection as CSV and JSON, the OpenAPI spec and the interactive docs.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { get, url, csv, has } from '../api.js';
import { section, select, actions, datasetCite } from '../ui.js';

export async function render(root, ctx) {
  const p = ctx.params;
  const [concepts, provinsi] = await Promise.all([get('/api/v1/indicators'), get('/api/v1/provinsi')]);
  const sets = [
    ['dl_facts', '/api/v1/facts'],
    ['dl_kecamatan', '/api/v1/kecamatan'],
    ['dl_reports', '/api/v1/reports'],
    ['dl_indicators', '/api/v1/indicators'],
    ['dl_kabupaten', '/api/v1/kabupaten'],
    ['dl_provinsi', '/api/v1/provinsi'],
  ];
  if (await has('/api/v1/quality')) sets.push(['dl_quality', '/api/v1/quality']);
  root.append(
    h('h1', null, t('nav_data')),
    h('p', { class: 'lead' }, t('data_lead')),
    actions({ downloads: [{ label: t('dl_facts'), csv: csv('/api/v1/facts'), json: '/api/v1/facts' }], cites: [datasetCite(concepts.licence)] }),
    section(
      'dl_title',
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'data', id: 'downloads' },
          h('caption', null, t('dl_caption')),
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('dataset')), h('th', { scope: 'col' }, 'CSV'), h('th', { scope: 'col' }, 'JSON'))),
          h('tbody', null, sets.map(([k, u]) => h('tr', null, h('th', { scope: 'row' }, t(k)), h('td', null, h('a', { href: csv(u), download: '' }, 'CSV')), h('td', null, h('a', { href: u }, 'JSON')))))
        )
      ),
      h('p', { class: 'hint' }, t('paging_hint')),
      await bulkExports()
    )
  );
  // A filtered facts table, its state in the URL.
  const concept = p.get('concept') || '';
  const tahun = p.get('tahun') || '';
  const prov = p.get('provinsi') || '';
  const q = url('/facts', { concept, tahun, provinsi: prov });
  root.append(
    section(
      'dl_filter',
      h(
        'div',
        { class: 'filters' },
        select({ id: 'data-concept', label: t('indicator'), value: concept, options: [{ value: '', label: t('all') }, ...concepts.data.map((c) => ({ value: c.key, label: c.name }))], onChange: (v) => ctx.setParams({ concept: v }) }),
        h('div', { class: 'field' }, h('label', { for: 'data-tahun' }, t('year')), h('input', { id: 'data-tahun', type: 'number', inputmode: 'numeric', min: '2000', max: '2100', value: tahun, on: { change: (ev) => ctx.setParams({ tahun: ev.target.value }) } })),
        select({ id: 'data-provinsi', label: t('provinsi'), value: prov, options: [{ value: '', label: t('all') }, ...provinsi.data.map((x) => ({ value: x.code, label: x.name }))], onChange: (v) => ctx.setParams({ provinsi: v }) })
      ),
      h('p', null, h('a', { href: csv(q), download: '', id: 'filtered-csv', class: 'button' }, t('download') + ' CSV'), ' ', h('a', { href: q, id: 'filtered-json', class: 'button' }, t('download') + ' JSON'), ' ', h('code', { class: 'url' }, q))
    ),
    section(
      'api_title',
      h(
        'ul',
        null,
        h('li', null, h('a', { href: '/openapi.json', download: 'kinerja-openapi.json' }, t('openapi_spec')), ' (openapi.json)'),
        h('li', null, h('a', { href: '/docs/' }, t('api_docs')), ' (/docs)')
      ),
      h('p', null, t('licence_text'), ' ', h('q', null, concepts.licence))
    )
  );
  return t('nav_data');
}

/** The whole tables the API offers as files (`/api/v1/exports`): CSV and Parquet, with row counts. */
async function bulkExports() {
  if (!(await has('/api/v1/exports'))) return null;
  let list;
  try {
    list = await get('/api/v1/exports');
  } catch {
    return null;
  }
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data', id: 'bulk' },
      h('caption', null, t('bulk_caption')),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('dataset')), h('th', { scope: 'col' }, t('rows')), h('th', { scope: 'col' }, 'CSV'), h('th', { scope: 'col' }, 'Parquet'))),
      h(
        'tbody',
        null,
        list.data.map((x) =>
          h(
            'tr',
            { 'data-table': x.name },
            h('th', { scope: 'row' }, h('code', null, x.name), ' ', h('span', { class: 'hint' }, x.description)),
            h('td', { class: 'num' }, fmtCount(x.rows)),
            h('td', null, h('a', { href: x.csv, download: '' }, 'CSV')),
            h('td', null, h('a', { href: x.parquet, download: '' }, 'Parquet'))
          )
        )
      )
    ),
    h('p', { class: 'hint' }, t('bulk_hint'))
  );
}

function fmtCount(n) {
  return new Intl.NumberFormat('id-ID').format(n);
}
