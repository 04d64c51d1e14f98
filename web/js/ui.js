// Shared pieces of every view: the source dialog, citations, downloads, permalinks, flags said
// in words, and the headings of a section.
import { h, clear, nextId } from './dom.js';
import { t, lang } from './i18n.js';
import { get, send } from './api.js';
import * as fmt from './fmt.js';

/** "sumber" button: shows the report lines a figure was read from. */
export function sourceButton(source, what) {
  if (!source) return null;
  const label = t('source');
  return h(
    'button',
    {
      type: 'button',
      class: 'src',
      'data-report': source.report_id,
      'data-lines': (source.lines || []).join(','),
      'aria-label': what ? `${label}: ${what}` : label,
      title: source.cite,
      on: { click: (ev) => openSource(source, what, ev.currentTarget) },
    },
    label
  );
}

function ranges(lines) {
  if (!lines || !lines.length) return null;
  const lo = Math.max(1, Math.min(...lines) - 2);
  const hi = Math.max(...lines) + 2;
  return hi - lo > 200 ? `${lo}-${lo + 200}` : `${lo}-${hi}`;
}

let opener = null;

/** The open source dialog is part of the view's state: `?src=REPORT:LINES`. */
function setSrcParam(value) {
  const p = new URLSearchParams(location.search);
  if (value) p.set('src', value);
  else p.delete('src');
  history.replaceState(history.state, '', location.pathname + (p.toString() ? '?' + p : '') + location.hash);
}

/** After a view is drawn: reopens the source dialog its URL names, if its button is there. */
export function restoreSource(src) {
  if (!src) return;
  const [report, lines] = src.split(':');
  const btn = [...document.querySelectorAll('button.src')].find((b) => b.dataset.report === report && b.dataset.lines === (lines || ''));
  if (btn) btn.click();
}

export async function openSource(source, what, from) {
  const dlg = document.getElementById('source-dialog');
  opener = from || null;
  setSrcParam(`${source.report_id}:${(source.lines || []).join(',')}`);
  clear(dlg);
  const titleId = nextId('src-title');
  const body = h('div', { class: 'src-body' }, h('p', null, t('loading')));
  dlg.setAttribute('aria-labelledby', titleId);
  const close = h('button', { type: 'button', class: 'close', on: { click: () => dlg.close() } }, t('close'));
  dlg.append(
    h('div', { class: 'dlg-head' }, h('h2', { id: titleId }, t('source_title')), close),
    what ? h('p', { class: 'what' }, what) : null,
    h('p', { class: 'file' }, [source.file, source.page ? t('page_n', { n: source.page }) : null, `${(source.lines || []).length === 1 ? t('line') : t('lines')} ${(source.lines || []).join(', ')}`].filter(Boolean).join(' · ')),
    body,
    citeBlock([source.cite]),
    h(
      'p',
      { class: 'perma' },
      h('label', { for: 'src-perma' }, t('source_permalink')),
      h('input', { id: 'src-perma', type: 'text', readonly: true, class: 'perma-input', value: location.href })
    ),
    h(
      'p',
      { class: 'src-links' },
      h('a', { href: sourceUrl(source), class: 'raw' }, t('source_raw')),
      ' · ',
      source.page_url
        ? h('a', { href: source.page_url, class: 'original', target: '_blank', rel: 'noopener' }, t('source_original_page', { n: source.page }))
        : h('a', { href: `/api/v1/reports/${source.report_id}/original`, class: 'original' }, t('source_original'))
    )
  );
  if (!dlg.open) dlg.showModal();
  close.focus();
  try {
    const src = await get(sourceUrl(source));
    clear(body);
    const wanted = new Set(source.lines || []);
    body.append(
      h(
        'pre',
        { class: 'lines', tabindex: '0', lang: 'id', 'aria-label': t('source_lines_label') },
        src.data.flatMap((l, i) => [
          // A page of a paged original (PDF) begins here: its number heads the lines.
          l.page && (i === 0 || src.data[i - 1].page !== l.page) ? h('span', { class: 'pg' }, `— ${t('page_n', { n: l.page })} —\n`) : null,
          h('span', { class: wanted.has(l.line) ? 'ln hit' : 'ln' }, h('span', { class: 'no', 'aria-hidden': 'true' }, String(l.line).padStart(5, ' ') + '  '), l.text, '\n'),
        ]).filter(Boolean)
      )
    );
    // Bring the figure's lines into view inside the listing, not by scrolling the dialog.
    const pre = body.querySelector('pre');
    const hit = body.querySelector('.hit');
    if (pre && hit) pre.scrollTop = Math.max(0, hit.offsetTop - pre.clientHeight / 3);
  } catch (e) {
    clear(body);
    body.append(h('p', { class: 'error', role: 'alert' }, e.message));
  }
}

export function sourceUrl(source) {
  const r = ranges(source.lines);
  return `/api/v1/reports/${source.report_id}/source${r ? '?lines=' + r : ''}`;
}

export function initDialog() {
  const dlg = document.getElementById('source-dialog');
  dlg.addEventListener('close', () => {
    // (A view drawn again may have reopened it meanwhile: then it stays in the URL.)
    if (dlg.open) return;
    setSrcParam(null);
    if (opener && opener.isConnected) opener.focus();
    opener = null;
  });
  dlg.addEventListener('click', (ev) => {
    if (ev.target === dlg) dlg.close();
  });
}

function copyButton(getText, label) {
  const status = h('span', { class: 'copied', role: 'status' });
  const btn = h(
    'button',
    {
      type: 'button',
      class: 'small',
      on: {
        click: async () => {
          try {
            await navigator.clipboard.writeText(getText());
            status.textContent = t('copied');
          } catch {
            status.textContent = t('copy_failed');
          }
        },
      },
    },
    label || t('copy')
  );
  return h('span', null, btn, ' ', status);
}

/** The citation strings of the API, ready to copy. */
export function citeBlock(cites) {
  const list = [...new Set(cites.filter(Boolean))];
  if (!list.length) return null;
  return h(
    'div',
    { class: 'cite' },
    h('h3', null, t('cite')),
    h('ul', null, list.map((c) => h('li', null, h('q', null, c)))),
    copyButton(() => list.join('\n'), t('copy_cite'))
  );
}

/**
 * The bar under a view's title: permalink, downloads, cite.
 * downloads: [{label, json, csv}] (API URLs).
 */
export function actions({ downloads = [], cites = [] } = {}) {
  const link = location.origin + location.pathname + location.search;
  const permaId = nextId('perma');
  const citeId = nextId('cite');
  const citePanel = h('div', { id: citeId, class: 'panel', hidden: true }, citeBlock(cites) || h('p', null, t('no_cite')));
  const citeBtn = h(
    'button',
    {
      type: 'button',
      'aria-expanded': 'false',
      'aria-controls': citeId,
      on: {
        click: () => {
          citePanel.hidden = !citePanel.hidden;
          citeBtn.setAttribute('aria-expanded', String(!citePanel.hidden));
        },
      },
    },
    t('cite')
  );
  return h(
    'div',
    { class: 'actions' },
    h(
      'div',
      { class: 'perma' },
      h('label', { for: permaId }, t('permalink')),
      h('input', { id: permaId, type: 'text', readonly: true, value: link, class: 'perma-input' }),
      copyButton(() => link)
    ),
    downloads.length
      ? h(
          'div',
          { class: 'downloads' },
          h('span', null, t('download') + ':'),
          downloads.map((d) =>
            h('span', { class: 'dl' }, d.label + ' ', h('a', { href: d.csv, download: '' }, 'CSV'), ' · ', h('a', { href: d.json, download: '' }, 'JSON'))
          )
        )
      : null,
    citeBtn,
    citePanel
  );
}

/** A citation of the dataset itself (for views that are not one report's figures). */
export function datasetCite(licence) {
  const today = new Date().toISOString().slice(0, 10);
  return t('dataset_cite', { url: location.origin + location.pathname + location.search, date: today }) + (licence ? ` ${licence}` : '');
}

/** A flag said in words, with the figures that raised it. */
export function flagText(flag, row = {}) {
  switch (flag) {
    case 'capaian_mismatch':
      return t('flag_capaian_mismatch', { rep: fmt.pct(row.capaian_reported), comp: fmt.pct(row.capaian_computed) });
    case 'serapan_mismatch':
      return t('flag_serapan_mismatch', { rep: fmt.pct(row.serapan_reported), comp: fmt.pct(row.serapan_computed) });
    default: {
      const k = 'flag_' + flag;
      const s = t(k);
      return s === k ? t('flag_other', { code: flag }) : s;
    }
  }
}

export function flagList(flags, row) {
  if (!flags || !flags.length) return null;
  return h('ul', { class: 'flags' }, flags.map((f) => h('li', { 'data-flag': f }, h('span', { class: 'warn', 'aria-hidden': 'true' }, '⚠ '), flagText(f, row))));
}

/**
 * A figure's confidence as a badge with its reasons: nothing for a high-confidence figure; a
 * low one is shown but never ranked or averaged (docs/methodology.md, publication rule).
 */
export function confidenceBadge(row) {
  const level = row && row.confidence;
  if (level !== 'low' && level !== 'medium') return null;
  const reasons = (row.confidence_reasons || []).map((f) => flagText(f, row));
  return h(
    'p',
    { class: 'confidence confidence-' + level, 'data-confidence': level },
    h('span', { class: 'badge' }, t('confidence_' + level)),
    reasons.length ? ' ' + reasons.join('; ') : null,
    level === 'low' ? h('span', { class: 'muted' }, ' · ' + t('confidence_low_note')) : null
  );
}

export function directionText(direction) {
  if (direction === 'lower_is_better') return t('dir_lower');
  if (direction === 'higher_is_better') return t('dir_higher');
  return t('dir_unknown');
}

export function formulaText(direction) {
  return direction === 'lower_is_better' ? t('formula_lower') : t('formula_higher');
}

export function dirIcon(direction) {
  if (direction === 'lower_is_better') return h('span', { class: 'dir', title: t('dir_lower'), 'aria-label': t('dir_lower') }, '↓');
  if (direction === 'higher_is_better') return h('span', { class: 'dir', title: t('dir_higher'), 'aria-label': t('dir_higher') }, '↑');
  return null;
}

/** A <select> with a label; options [{value, label}]. */
export function select({ id, label, options, value, onChange }) {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h(
      'select',
      { id, on: { change: (ev) => onChange(ev.target.value) } },
      options.map((o) => h('option', { value: o.value, selected: String(o.value) === String(value ?? '') }, o.label))
    )
  );
}

// The official rating scales of the comparable indicators (see Methodology).
const SCALES = {
  nilai_akip: [[90, 'AA', '>'], [80, 'A', '>'], [70, 'BB', '>'], [60, 'B', '>'], [50, 'CC', '>'], [30, 'C', '>'], [-Infinity, 'D', '>']],
  ikm: [[88.31, 'A', '>='], [76.61, 'B', '>='], [65, 'C', '>='], [25, 'D', '>=']],
  idm: [[0.8155, 'Mandiri', '>'], [0.7072, 'Maju', '>'], [0.5989, 'Berkembang', '>'], [0.4907, 'Tertinggal', '>'], [-Infinity, 'Sangat Tertinggal', '>']],
};

/** The rating word of a realisasi on its indicator's official scale, or null. */
export function predikat(concept, realisasi) {
  const scale = SCALES[concept];
  const x = fmt.val(realisasi);
  if (!scale || x === null) return null;
  for (const [bound, word, op] of scale) if (op === '>' ? x > bound : x >= bound) return word;
  return null;
}

/** Capaian as a coloured class on the heat scale (for heat tables and bars). */
export function heatClass(capaian) {
  const x = fmt.val(capaian);
  if (x === null) return 'heat-none';
  if (x >= 100) return 'heat-5';
  if (x >= 90) return 'heat-4';
  if (x >= 75) return 'heat-3';
  if (x >= 50) return 'heat-2';
  return 'heat-1';
}

export function section(titleKey, ...children) {
  const id = nextId('sec');
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, t(titleKey)), ...children);
}

export function emptyNote(text) {
  return h('p', { class: 'empty' }, text);
}

/** A sortable table: columns [{key, label, value(row) (for sorting), cell(row) (node), num}] */
export function sortableTable({ id, caption, columns, rows, sort, dir, onSort, limit = Infinity, more }) {
  const col = columns.find((c) => c.key === sort) || null;
  const sorted = [...rows];
  if (col) {
    sorted.sort((a, b) => {
      const x = col.value(a);
      const y = col.value(b);
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), lang());
      return dir === 'desc' ? -c : c;
    });
  }
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h(
      'table',
      { id, class: 'data' },
      h('caption', null, caption),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          columns.map((c) =>
            h(
              'th',
              { scope: 'col', class: c.num ? 'num' : null, 'aria-sort': c.key === sort ? (dir === 'desc' ? 'descending' : 'ascending') : c.value ? 'none' : null },
              c.value
                ? h(
                    'button',
                    {
                      type: 'button',
                      class: 'sort',
                      id: `${id}-sort-${c.key}`,
                      on: { click: () => onSort(c.key, c.key === sort && dir === 'asc' ? 'desc' : c.key === sort ? 'asc' : c.defaultDir || 'asc') },
                    },
                    c.label,
                    h('span', { class: 'arrow', 'aria-hidden': 'true' }, c.key === sort ? (dir === 'desc' ? ' ▼' : ' ▲') : ' ↕')
                  )
                : c.label
            )
          )
        )
      ),
      h(
        'tbody',
        null,
        sorted.slice(0, limit).map((r) => h('tr', null, columns.map((c) => h(c.rowHeader ? 'th' : 'td', { class: c.num ? 'num' : null, scope: c.rowHeader ? 'row' : null }, c.cell(r)))))
      )
    ),
    sorted.length > limit && more
      ? h('p', null, t('table_first', { k: limit, n: sorted.length }), ' ', h('button', { type: 'button', class: 'small', id: `${id}-more`, on: { click: more } }, t('show_all')))
      : null
  );
}

export { fmt };

/** "Laporkan kesalahan": a short public form about one figure, in the page's dialog. */
export function reportErrorButton(factId, what) {
  if (!factId) return null;
  return h('button', { type: 'button', class: 'report-error small', 'data-fact': factId, 'aria-label': `${t('report_error')}: ${what}`, on: { click: (ev) => openReportForm(factId, what, ev.currentTarget) } }, t('report_error'));
}

function openReportForm(factId, what, from) {
  const dlg = document.getElementById('source-dialog');
  opener = from || null;
  clear(dlg);
  const titleId = nextId('rep-title');
  dlg.setAttribute('aria-labelledby', titleId);
  const message = h('textarea', { id: 'rep-message', name: 'message', rows: '4', minlength: '10', maxlength: '2000', required: true });
  const contact = h('input', { id: 'rep-contact', name: 'contact', maxlength: '200', autocomplete: 'email' });
  // Spam trap: hidden from people (and from screen readers), filled only by robots.
  const trap = h('input', { name: 'website', tabindex: '-1', autocomplete: 'off', class: 'trap', 'aria-hidden': 'true' });
  const status = h('p', { class: 'form-status', role: 'status' });
  const form = h(
    'form',
    {
      class: 'report-form',
      on: {
        submit: async (ev) => {
          ev.preventDefault();
          status.textContent = t('loading');
          try {
            const r = await send('POST', '/api/v1/error-reports', { fact_id: Number(factId), message: message.value, contact: contact.value || null, website: trap.value || null });
            clear(status);
            status.append(t('report_sent', { ref: r.reference }), ' ', h('a', { href: r.page_url, class: 'report-link' }, r.page_url));
            form.querySelector('button[type=submit]').disabled = true;
          } catch (e) {
            status.textContent = e.message || String(e);
          }
        },
      },
    },
    h('p', null, h('label', { for: 'rep-message' }, t('report_what')), message),
    h('p', null, h('label', { for: 'rep-contact' }, t('report_contact')), contact),
    trap,
    h('p', null, h('button', { type: 'submit' }, t('report_send'))),
    status
  );
  dlg.append(
    h('div', { class: 'dlg-head' }, h('h2', { id: titleId }, t('report_error')), h('button', { type: 'button', class: 'close', on: { click: () => dlg.close() } }, t('close'))),
    h('p', { class: 'what', lang: 'id' }, what),
    form
  );
  dlg.showModal();
  message.focus();
}
