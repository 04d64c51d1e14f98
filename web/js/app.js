// The dashboard: a small History-API router over plain ES modules. Every view's state lives in
// its URL (path + query), so any view is a permalink; `?embed=1` hides the chrome and
// `?embed=1&chart=ID` shows one chart alone.
import { h, clear } from './dom.js';
import { t, lang, setLang, initLang } from './i18n.js';
import { ApiError } from './api.js';
import { initDialog, restoreSource } from './ui.js';
import * as home from './views/home.js';
import * as kecamatan from './views/kecamatan.js';
import * as kabupaten from './views/kabupaten.js';
import * as compare from './views/compare.js';
import * as method from './views/method.js';
import * as data from './views/data.js';
import * as review from './views/review.js';
import * as laporan from './views/laporan.js';

const routes = [
  [/^\/$/, home, 'nav_home'],
  [/^\/kecamatan\/([0-9.]+)$/, kecamatan, null],
  [/^\/kabupaten\/([0-9.]+)$/, kabupaten, null],
  [/^\/compare$/, compare, 'nav_compare'],
  [/^\/methodology$/, method, 'nav_method'],
  [/^\/data$/, data, 'nav_data'],
  [/^\/review$/, review, null],
  [/^\/laporan\/(LK-[0-9A-Za-z]+)$/, laporan, null],
];

const NAV = [
  ['/', 'nav_home'],
  ['/compare', 'nav_compare'],
  ['/methodology', 'nav_method'],
  ['/data', 'nav_data'],
];

let token = 0;

function params() {
  return new URLSearchParams(location.search);
}

/** Changes the view's state in the URL and renders it again. */
export function navigate(href, { replace = false, focusMain = !replace } = {}) {
  const u = new URL(href, location.href);
  const p = u.searchParams;
  // The chosen language and embedding travel with every link.
  if (lang() === 'en' && !p.has('lang')) p.set('lang', 'en');
  if (params().get('embed') === '1' && !p.has('embed')) p.set('embed', '1');
  const next = u.pathname + (p.toString() ? '?' + p : '') + u.hash;
  if (next !== location.pathname + location.search + location.hash) {
    history[replace ? 'replaceState' : 'pushState'](null, '', next);
  }
  render({ focusMain });
}

/** Updates some query parameters of the current view (null removes one). */
export function setParams(changes, opts = {}) {
  const p = params();
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === '') p.delete(k);
    else p.set(k, v);
  }
  // A new history entry (Back returns to the previous state) without moving the focus.
  navigate(location.pathname + (p.toString() ? '?' + p : ''), { replace: false, focusMain: false, ...opts });
}

function chrome() {
  const path = location.pathname;
  const header = document.getElementById('site-header');
  clear(header);
  header.append(
    h('a', { class: 'brand', href: '/' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '▮▮▯'), ' kinerja'),
    h(
      'nav',
      { 'aria-label': t('nav_label') },
      h(
        'ul',
        null,
        NAV.map(([href, key]) =>
          h('li', null, h('a', { href, 'aria-current': path === href ? 'page' : null }, t(key)))
        )
      )
    ),
    h(
      'button',
      {
        type: 'button',
        id: 'lang-toggle',
        class: 'lang-toggle',
        lang: lang() === 'id' ? 'en' : 'id',
        'aria-label': t('lang_switch_label'),
        on: {
          click: () => {
            setLang(lang() === 'id' ? 'en' : 'id');
            const p = params();
            if (lang() === 'en') p.set('lang', 'en');
            else p.delete('lang');
            history.replaceState(null, '', location.pathname + (p.toString() ? '?' + p : ''));
            render({ focusMain: false, keepFocus: 'lang-toggle' });
          },
        },
      },
      t('lang_switch')
    )
  );
  const footer = document.getElementById('site-footer');
  clear(footer);
  footer.append(
    h(
      'p',
      null,
      t('footer_text'),
      ' ',
      h('a', { href: '/methodology' }, t('nav_method')),
      ' · ',
      h('a', { href: '/data' }, t('nav_data')),
      ' · ',
      h('a', { href: '/docs/' }, 'API /docs'),
      ' · ',
      h('a', { href: '/openapi.json' }, 'OpenAPI')
    )
  );
  const skip = document.getElementById('skip-link');
  skip.textContent = t('skip');
}

export async function render({ focusMain = false, keepFocus = null } = {}) {
  const my = ++token;
  const p = params();
  initLang(p.get('lang'));
  document.documentElement.lang = lang();
  const embed = p.get('embed') === '1';
  document.body.classList.toggle('embed', embed);
  chrome();
  const main = document.getElementById('main');
  const focusId = keepFocus || (document.activeElement && document.activeElement.id) || null;
  const route = routes.find(([re]) => re.test(location.pathname));
  const root = h('div', { class: 'view' });
  let title = 'kinerja';
  const loading = setTimeout(() => {
    if (my === token) {
      main.setAttribute('data-loading', t('loading'));
      main.setAttribute('aria-busy', 'true');
    }
  }, 150);
  try {
    if (!route) {
      root.append(h('h1', { tabindex: '-1' }, t('not_found')), h('p', null, h('a', { href: '/' }, t('nav_home'))));
    } else {
      const [re, view] = route;
      const m = re.exec(location.pathname);
      const ctx = { params: p, arg: m[1] ? decodeURIComponent(m[1]) : null, setParams, navigate, embed, stale: () => my !== token };
      title = (await view.render(root, ctx)) || title;
    }
  } catch (e) {
    console.warn(e);
    root.append(
      h('h1', { tabindex: '-1' }, e instanceof ApiError && e.status === 404 ? t('not_found') : t('error_title')),
      h('p', { class: 'error', role: 'alert' }, e.message || String(e))
    );
  }
  clearTimeout(loading);
  if (my !== token) return;
  main.removeAttribute('aria-busy');
  clear(main);
  if (embed && p.get('chart')) {
    const fig = root.querySelector(`[data-chart="${CSS.escape(p.get('chart'))}"]`);
    const full = new URLSearchParams(p);
    full.delete('embed');
    full.delete('chart');
    const href = location.pathname + (full.toString() ? '?' + full : '');
    main.append(fig || root, h('p', { class: 'embed-credit' }, h('a', { href, target: '_blank', rel: 'noopener' }, t('embed_credit'))));
  } else {
    main.append(root);
  }
  document.title = title === 'kinerja' ? 'kinerja' : `${title} — kinerja`;
  const again = focusId && document.getElementById(focusId);
  if (again && !focusMain) {
    again.focus();
  } else if (focusMain) {
    const h1 = main.querySelector('h1');
    if (h1) {
      h1.setAttribute('tabindex', '-1');
      h1.focus({ preventScroll: false });
    }
  }
  const dlg = document.getElementById('source-dialog');
  const src = p.get('src');
  if (dlg.open) dlg.close();
  restoreSource(src);
  document.body.dataset.ready = String(my);
  document.dispatchEvent(new CustomEvent('kinerja:rendered'));
}

// Internal links are handled here; /api, /docs and files are left to the browser.
document.addEventListener('click', (ev) => {
  if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  const a = ev.target.closest('a[href]');
  if (!a || a.target || a.hasAttribute('download')) return;
  const u = new URL(a.href, location.href);
  if (u.origin !== location.origin) return;
  if (/^\/(api|docs|openapi\.json|healthz|readyz|metrics)/.test(u.pathname) || /\.[a-z0-9]+$/i.test(u.pathname)) return;
  ev.preventDefault();
  navigate(u.pathname + u.search + u.hash);
});

window.addEventListener('popstate', () => render({ focusMain: true }));

initDialog();
render();
