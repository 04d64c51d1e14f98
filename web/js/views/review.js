// /review: the reviewers' page. Without a session it is the login form; with one, the queue
// of the reviewer's region, worst first, each figure with its source and three actions
// (confirm, correct with a required note, withhold). Keys: j/k move between figures.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { ApiError, session, send } from '../api.js';
import { sourceButton } from '../ui.js';
import * as fmt from '../fmt.js';

function problemText(e) {
  return e instanceof ApiError ? e.message : String(e);
}

function loginForm(root, ctx, info) {
  const status = h('p', { class: 'form-status', role: 'alert' });
  const email = h('input', { id: 'login-email', name: 'email', type: 'email', autocomplete: 'username', required: true });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h(
    'form',
    {
      class: 'login',
      id: 'login-form',
      on: {
        submit: async (ev) => {
          ev.preventDefault();
          status.textContent = t('loading');
          try {
            await send('POST', '/api/v1/session', { email: email.value, password: password.value }, info.csrf_token);
            ctx.navigate('/review', { replace: true });
          } catch (e) {
            status.textContent = problemText(e);
          }
        },
      },
    },
    h('p', null, h('label', { for: 'login-email' }, t('review_email')), email),
    h('p', null, h('label', { for: 'login-password' }, t('review_password')), password),
    h('p', null, h('button', { type: 'submit' }, t('review_login'))),
    status
  );
  root.append(h('h1', null, t('review_title')), h('p', { class: 'lead' }, t('review_login_lead')), form);
}

function actionForm(item, info, onDone) {
  const status = h('p', { class: 'form-status', role: 'status' });
  const id = item.fact_id;
  const field = (name, label) => h('p', null, h('label', { for: `f-${name}-${id}` }, label), h('input', { id: `f-${name}-${id}`, name, inputmode: 'decimal', autocomplete: 'off' }));
  const note = h('textarea', { id: `f-note-${id}`, name: 'note', rows: '2', maxlength: '2000' });
  const form = h(
    'form',
    { class: 'review-form', 'data-fact': id },
    h('div', { class: 'review-values' }, field('target', t('target')), field('realisasi', t('realisasi')), field('capaian', t('capaian'))),
    h('p', null, h('label', { for: `f-note-${id}` }, t('review_note')), note),
    h(
      'p',
      { class: 'review-actions' },
      h('button', { type: 'submit', value: 'confirm', class: 'confirm' }, t('review_confirm')),
      h('button', { type: 'submit', value: 'correct', class: 'correct' }, t('review_correct')),
      h('button', { type: 'submit', value: 'withhold', class: 'withhold' }, t('review_withhold'))
    ),
    status
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const action = (ev.submitter && ev.submitter.value) || 'confirm';
    const body = { action, note: note.value };
    if (action === 'correct') {
      for (const name of ['target', 'realisasi', 'capaian']) {
        const v = form.elements[name].value.trim().replace(',', '.');
        if (v) body[name] = v;
      }
    }
    status.textContent = t('loading');
    try {
      await send('POST', `/api/v1/facts/${id}/review`, body, info.csrf_token);
      status.textContent = t('review_done');
      onDone();
    } catch (e) {
      status.textContent = problemText(e);
    }
  });
  return form;
}

function card(item, info, onDone) {
  return h(
    'article',
    { class: 'card review-item', tabindex: '0', 'data-fact': item.fact_id },
    h('h2', { lang: 'id' }, item.name),
    h('p', { class: 'muted' }, `${item.kecamatan} · ${item.kabupaten} · ${item.tahun}`),
    h(
      'dl',
      { class: 'figures' },
      h('div', null, h('dt', null, t('target')), h('dd', null, fmt.num(item.target))),
      h('div', null, h('dt', null, t('realisasi')), h('dd', null, fmt.num(item.realisasi))),
      h('div', null, h('dt', null, t('capaian')), h('dd', null, fmt.pct(item.capaian_computed ?? item.capaian_reported)))
    ),
    h('p', { class: 'muted' }, t('review_confidence', { c: item.confidence }), item.flags.length ? ` · ${item.flags.join(', ')}` : ''),
    item.error_reports.length
      ? h(
          'ul',
          { class: 'error-reports' },
          item.error_reports.map((r) => h('li', null, h('strong', null, r.reference), ' ', r.message, r.contact ? ` (${r.contact})` : ''))
        )
      : null,
    h('p', { class: 'card-src' }, sourceButton(item.source, item.name), item.source.page_url ? [' · ', h('a', { href: item.source.page_url, class: 'original' }, t('page_n', { n: item.source.page }))] : null),
    actionForm(item, info, onDone)
  );
}

export async function render(root, ctx) {
  const info = await session();
  if (!info.authenticated) {
    loginForm(root, ctx, info);
    return t('review_title');
  }
  const queue = await fetch('/api/v1/review/queue', { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' }).then((r) => {
    if (!r.ok) throw new ApiError(r.status, '');
    return r.json();
  });
  const logout = h(
    'button',
    {
      type: 'button',
      id: 'logout',
      on: {
        click: async () => {
          await send('DELETE', '/api/v1/session', undefined, info.csrf_token);
          ctx.navigate('/review', { replace: true });
        },
      },
    },
    t('review_logout')
  );
  const region = info.account.region || t('review_everywhere');
  const list = h('div', { class: 'review-queue' });
  const again = () => ctx.navigate('/review', { replace: true, focusMain: false });
  for (const item of queue.data) list.append(card(item, info, again));
  root.append(
    h('h1', null, t('review_title')),
    h('p', { class: 'lead' }, t('review_who', { email: info.account.email, region }), ' ', logout),
    h('p', { class: 'hint' }, t('review_keys')),
    queue.data.length ? list : h('p', { class: 'empty' }, t('review_empty'))
  );
  root.addEventListener('keydown', (ev) => {
    if (ev.target.closest('input, textarea') || (ev.key !== 'j' && ev.key !== 'k')) return;
    const cards = [...list.querySelectorAll('.review-item')];
    const at = cards.indexOf(ev.target.closest('.review-item'));
    const next = cards[Math.max(0, Math.min(cards.length - 1, at + (ev.key === 'j' ? 1 : -1)))];
    if (next) {
      ev.preventDefault();
      next.focus();
    }
  });
  return t('review_title');
}
