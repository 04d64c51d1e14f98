// /laporan/REF: the public status of an error report, by the reference its reporter got.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { get } from '../api.js';

export async function render(root, ctx) {
  const r = await get(`/api/v1/error-reports/${encodeURIComponent(ctx.arg)}`);
  root.append(
    h('h1', null, t('report_status_title', { ref: r.reference })),
    h(
      'dl',
      { class: 'report-status' },
      h('dt', null, t('report_status')),
      h('dd', { class: `status status-${r.status}` }, t(`report_${r.status}`)),
      h('dt', null, t('report_figure')),
      h('dd', null, h('a', { href: `/kecamatan/${r.kecamatan_code}` }, r.kecamatan || r.kecamatan_code), ` · ${r.tahun ?? ''} · `, h('span', { lang: 'id' }, r.figure || '')),
      h('dt', null, t('report_message')),
      h('dd', { class: 'message' }, r.message),
      r.resolved_at ? [h('dt', null, t('report_note')), h('dd', { class: 'note' }, r.resolution_note || '–'), h('dt', null, t('report_by')), h('dd', null, `${r.resolved_by_role}${r.resolved_by_region ? ' ' + r.resolved_by_region : ''} · ${r.resolved_at}`)] : null
    )
  );
  return t('report_status_title', { ref: r.reference });
}
