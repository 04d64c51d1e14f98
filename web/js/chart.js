// Charts drawn as SVG by this small module; each comes with the table of its figures and a link
// to embed it alone (`?embed=1&chart=ID`).
import { h, s } from './dom.js';
import { t } from './i18n.js';
import * as fmt from './fmt.js';
import { sourceButton } from './ui.js';

function embedUrl(id) {
  const p = new URLSearchParams(location.search);
  p.set('embed', '1');
  p.set('chart', id);
  return location.origin + location.pathname + '?' + p;
}

function figure({ id, title, svg, table, note }) {
  const capId = `${id}-cap`;
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', capId);
  const embedId = `${id}-embed`;
  return h(
    'figure',
    { class: 'chart', 'data-chart': id, id },
    h('figcaption', { id: capId }, title),
    svg,
    note ? h('p', { class: 'note' }, note) : null,
    h('details', { class: 'chart-table' }, h('summary', null, t('chart_table')), table),
    h(
      'details',
      { class: 'embed' },
      h('summary', null, t('embed')),
      h('label', { for: embedId }, t('embed_code')),
      h('textarea', { id: embedId, readonly: true, rows: '2' }, `<iframe src="${embedUrl(id)}" width="100%" height="420" title="${title.replace(/"/g, '&quot;')}"></iframe>`)
    )
  );
}

function simpleTable(head, rows) {
  return h(
    'table',
    { class: 'data' },
    h('thead', null, h('tr', null, head.map((x, i) => h('th', { scope: 'col', class: i ? 'num' : null }, x)))),
    h('tbody', null, rows.map((r) => h('tr', null, r.map((x, i) => (i ? h('td', { class: 'num' }, x) : h('th', { scope: 'row' }, x))))))
  );
}

// Drawn for the screen at hand: a phone gets a narrower drawing, so its text stays legible.
const narrow = () => window.matchMedia('(max-width: 600px)').matches;
const width = () => (narrow() ? 360 : 640);

const fmtTick = (v) => fmt.float(v, Math.abs(v) >= 10 ? 0 : 2);

/**
 * Horizontal bars. rows: [{label, value (number|null), display (string), cls}]; ref: a reference
 * line (e.g. 100 % or a median) {value, label}.
 */
export function bars({ id, title, rows, valueLabel, ref, note }) {
  const rowH = 28;
  // Label widths estimated per character (capitals are wider), cut with … to fit.
  const cw = (ch) => (/[A-Z0-9MW]/.test(ch) ? 9 : /[iljtf.,' ]/.test(ch) ? 4.5 : 7.2);
  const MAXW = narrow() ? 130 : 220;
  const fit = (label) => {
    let w = 0;
    let out = '';
    for (const ch of label) {
      if (w + cw(ch) > MAXW - 24) return [out.trimEnd() + '…', MAXW - 14];
      w += cw(ch);
      out += ch;
    }
    return [out, w];
  };
  const fitted = rows.map((r) => fit(r.label));
  const labelW = Math.max(40, ...fitted.map(([, w]) => w)) + 14;
  const valueW = 90;
  const w = labelW + (narrow() ? 130 : 330) + valueW;
  const hgt = rows.length * rowH + 24;
  const vals = rows.map((r) => r.value).filter((v) => v !== null);
  const max = Math.max(1, ...vals, ref ? ref.value : 0) * 1.05;
  const plotW = w - labelW - valueW;
  const x = (v) => labelW + (Math.max(0, v) / max) * plotW;
  const svg = s('svg', { viewBox: `0 0 ${w} ${hgt}`, class: 'svg-chart bars', preserveAspectRatio: 'xMinYMin meet' });
  rows.forEach((r, i) => {
    const y = i * rowH + 4;
    if (r.value !== null) {
      svg.append(s('rect', { x: labelW, y: y + 4, width: Math.max(1, x(r.value) - labelW), height: rowH - 10, class: 'bar ' + (r.cls || '') }));
    }
  });
  if (ref && ref.value !== null && ref.value !== undefined) {
    const rx = x(ref.value);
    svg.append(s('line', { x1: rx, x2: rx, y1: 0, y2: hgt - 18, class: 'ref' }));
    svg.append(s('text', { x: rx, y: hgt - 4, 'text-anchor': 'middle', class: 'ref-lbl' }, ref.label));
  }
  rows.forEach((r, i) => {
    const y = i * rowH + 4;
    const lab = fitted[i][0];
    svg.append(s('text', { x: labelW - 8, y: y + rowH / 2 + 4, 'text-anchor': 'end', class: 'lbl' }, s('title', null, r.label), lab));
    svg.append(s('text', { x: r.value !== null ? x(r.value) + 6 : labelW + 6, y: y + rowH / 2 + 4, class: 'val' }, r.display ?? '–'));
  });
  const table = simpleTable([t('name'), valueLabel], rows.map((r) => [r.label, r.display ?? '–']));
  return figure({ id, title, svg, table, note });
}

/** A line across years. points: [{x: year, y: number|null, display}] */
export function line({ id, title, points, valueLabel, note }) {
  const W = width();
  const hgt = 220;
  const pad = { l: 56, r: 24, t: 16, b: 32 };
  const ys = points.map((p) => p.y).filter((y) => y !== null);
  const xs = points.map((p) => p.x);
  let lo = Math.min(...ys);
  let hi = Math.max(...ys);
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const span = hi - lo;
  lo -= span * 0.1;
  hi += span * 0.1;
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const X = (v) => pad.l + (x1 === x0 ? 0.5 : (v - x0) / (x1 - x0)) * (W - pad.l - pad.r);
  const Y = (v) => pad.t + (1 - (v - lo) / (hi - lo)) * (hgt - pad.t - pad.b);
  const svg = s('svg', { viewBox: `0 0 ${W} ${hgt}`, class: 'svg-chart' });
  svg.append(s('line', { x1: pad.l, x2: W - pad.r, y1: hgt - pad.b, y2: hgt - pad.b, class: 'axis' }));
  const known = points.filter((p) => p.y !== null);
  if (known.length > 1) {
    svg.append(s('polyline', { points: known.map((p) => `${X(p.x)},${Y(p.y)}`).join(' '), class: 'trend' }));
  }
  for (const p of points) {
    svg.append(s('text', { x: X(p.x), y: hgt - 10, 'text-anchor': 'middle', class: 'lbl' }, String(p.x)));
    if (p.y !== null) {
      svg.append(s('circle', { cx: X(p.x), cy: Y(p.y), r: 5, class: 'pt' }));
      svg.append(s('text', { x: X(p.x), y: Y(p.y) - 10, 'text-anchor': 'middle', class: 'val' }, p.display));
    }
  }
  const withSrc = points.some((p) => p.source);
  const table = simpleTable(
    withSrc ? [t('year'), valueLabel, t('source')] : [t('year'), valueLabel],
    points.map((p) => (withSrc ? [String(p.x), p.display ?? '–', sourceButton(p.source, `${title}, ${p.x}`) || ''] : [String(p.x), p.display ?? '–']))
  );
  return figure({ id, title, svg, table, note });
}

/** Dots: points [{label, x, y, xDisplay, yDisplay}] */
export function scatter({ id, title, points, xLabel, yLabel, note }) {
  const W = width();
  const hgt = 300;
  const pad = { l: 56, r: 24, t: 16, b: 44 };
  const known = points.filter((p) => p.x !== null && p.y !== null);
  const ext = (vs) => {
    let lo = Math.min(...vs);
    let hi = Math.max(...vs);
    if (lo === hi) {
      lo -= 5;
      hi += 5;
    }
    const sp = hi - lo;
    return [lo - sp * 0.15, hi + sp * 0.15];
  };
  const [xl, xh] = known.length ? ext(known.map((p) => p.x)) : [0, 100];
  const [yl, yh] = known.length ? ext(known.map((p) => p.y)) : [0, 100];
  const X = (v) => pad.l + ((v - xl) / (xh - xl)) * (W - pad.l - pad.r);
  const Y = (v) => pad.t + (1 - (v - yl) / (yh - yl)) * (hgt - pad.t - pad.b);
  const svg = s('svg', { viewBox: `0 0 ${W} ${hgt}`, class: 'svg-chart' });
  svg.append(s('line', { x1: pad.l, x2: W - pad.r, y1: hgt - pad.b, y2: hgt - pad.b, class: 'axis' }));
  svg.append(s('line', { x1: pad.l, x2: pad.l, y1: pad.t, y2: hgt - pad.b, class: 'axis' }));
  svg.append(s('text', { x: W / 2, y: hgt - 6, 'text-anchor': 'middle', class: 'lbl' }, xLabel));
  svg.append(s('text', { x: 14, y: hgt / 2, 'text-anchor': 'middle', class: 'lbl', transform: `rotate(-90 14 ${hgt / 2})` }, yLabel));
  for (const f of [0, 0.5, 1]) {
    const xv = xl + f * (xh - xl);
    const yv = yl + f * (yh - yl);
    svg.append(s('text', { x: X(xv), y: hgt - pad.b + 16, 'text-anchor': 'middle', class: 'tick' }, fmtTick(xv)));
    svg.append(s('text', { x: pad.l - 6, y: Y(yv) + 4, 'text-anchor': 'end', class: 'tick' }, fmtTick(yv)));
  }
  for (const p of known) {
    svg.append(s('circle', { cx: X(p.x), cy: Y(p.y), r: 6, class: 'pt' }));
    svg.append(s('text', { x: X(p.x) + 9, y: Y(p.y) + 4, class: 'val' }, p.label));
  }
  const table = simpleTable([t('name'), xLabel, yLabel], points.map((p) => [p.label, p.xDisplay ?? '–', p.yDisplay ?? '–']));
  return figure({ id, title, svg, table, note });
}
