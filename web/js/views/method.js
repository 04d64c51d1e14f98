// Methodology: how figures are read and computed, the taxonomy, scales, sources and licence.
import { h } from '../dom.js';
import { t, lang } from '../i18n.js';
import { get, csv } from '../api.js';
import { section, directionText, actions, datasetCite } from '../ui.js';

const TEXT = {
  id: {
    intro:
      'Setiap angka di sini dibaca dari LKjIP (Laporan Kinerja Instansi Pemerintah) kecamatan — laporan tahunan menurut Perpres 29/2014 dan PermenPANRB 53/2014 — dan menunjuk ke baris laporan tempat ia dicetak. Tombol “sumber” di samping setiap angka menampilkan baris-baris itu.',
    formulas: [
      ['Capaian, makin tinggi makin baik', 'capaian = realisasi ÷ target × 100'],
      ['Capaian, makin rendah makin baik (mis. jumlah pengaduan, lama layanan)', 'capaian = (target − (realisasi − target)) ÷ target × 100'],
      ['Serapan anggaran', 'serapan = realisasi ÷ pagu × 100'],
    ],
    exact:
      'Angka disimpan persis seperti dicetak (desimal, tanpa pembulatan floating point). Laporan mencetak persentase yang dibulatkan dan kadang keliru: kami menyimpan angka laporan dan angka hitungan ulang, dan menandai selisih di luar pembulatan — misalnya “laporan mencetak 119 %; angkanya memberi 123,75 %”.',
    ranking:
      'Peringkat di beranda diambil dari /api/v1/rankings: kecamatan diurutkan menurut realisasi untuk satu indikator dan satu tahun, dengan arah indikator diperhitungkan (makin rendah makin baik dibalik), di kabupaten, provinsi atau nasional sesuai saringan, dan selalu menyebut berapa kecamatan yang dibandingkan. Bila server belum menyediakannya, peringkat dihitung di peramban menurut capaian hitungan ulang. Kecamatan yang tidak melaporkan indikator itu tidak diberi peringkat. Median kabupaten adalah median capaian kecamatan lain di kabupaten yang sama pada tahun yang sama.',
    quality:
      'Tanda (flag) menyebut apa yang tidak cocok saat laporan dibaca: capaian atau serapan yang dicetak berbeda dari hitungannya, kolom tabel yang tergeser, angka yang tersalin dari tahun sebelumnya, angka yang berbeda di dua tabel. Angka bertanda tetap ditampilkan, dengan penjelasannya; angka yang tidak bisa dibaca tidak pernah ditebak. Nilai mutu data per kecamatan ditampilkan bila API menyediakannya.',
    composite:
      'Skor gabungan sebuah kecamatan pada satu tahun adalah rata-rata capaian indikator tingkat tujuan/sasaran yang dapat dibandingkan, setiap capaian dibatasi 0–120 % (target yang terlalu rendah tidak boleh mengalahkan semua indikator lain). Skor itu diberi peringkat di kabupaten, provinsi dan nasional, selalu dengan jumlah kecamatan yang dibandingkan; kecamatan dengan indikator berbeda tidak sepenuhnya sebanding, jadi jumlah indikator yang masuk selalu disebut.',
    heat: 'Warna di tabel panas: capaian <50 %, 50–75 %, 75–90 %, 90–100 %, ≥100 %. Warna selalu disertai angkanya. Predikat (AA…D untuk nilai SAKIP/AKIP, A…D untuk IKM, Mandiri…Sangat Tertinggal untuk IDM) dihitung di sini dari realisasi menurut skala resmi di tabel taksonomi di bawah.',
    sources:
      'Sumber: LKjIP yang dipublikasikan pemerintah kecamatan. Kode wilayah: Kepmendagri 300.2.2-2138/2025 (data cahyadsn/wilayah, lisensi MIT).',
  },
  en: {
    intro:
      'Every figure here is read from a kecamatan’s LKjIP (government performance report) — the yearly report under Perpres 29/2014 and PermenPANRB 53/2014 — and points to the report lines it is printed on. The “source” button beside every figure shows those lines.',
    formulas: [
      ['Achievement, higher is better', 'capaian = realisasi ÷ target × 100'],
      ['Achievement, lower is better (e.g. complaint counts, processing days)', 'capaian = (target − (realisasi − target)) ÷ target × 100'],
      ['Budget absorption', 'serapan = realisasi ÷ pagu × 100'],
    ],
    exact:
      'Figures are stored exactly as printed (decimals, no floating-point rounding). Reports print percentages rounded and sometimes wrongly: we keep the printed value and the recomputed one and flag a difference beyond rounding — e.g. “the report prints 119 %; its figures give 123.75 %”.',
    ranking:
      'The ranking on the home page comes from /api/v1/rankings: kecamatan ordered by the actual value for one indicator and one year, the indicator’s direction taken into account (lower-is-better reversed), within the kabupaten, the provinsi or the country as filtered, always stating how many kecamatan were compared. When the server does not offer it, ranks are computed in the browser by recomputed achievement. A kecamatan that does not report the indicator is not ranked. The kabupaten median is the median achievement of the kecamatan of the same kabupaten in the same year.',
    quality:
      'Flags say what did not check out when the report was read: a printed achievement or absorption that differs from its computation, shifted table columns, a figure copied from the previous year, different figures in two tables. Flagged figures are still shown, with the explanation; an unreadable figure is never guessed. A per-kecamatan data-quality grade is shown where the API provides it.',
    composite:
      'A kecamatan’s composite score for a year is the mean achievement over its comparable goal-level indicators, each capped at 0–120 % (a target set too low must not outweigh every other indicator). The score is ranked within the kabupaten, the provinsi and the country, always with the number compared; kecamatan with different indicators are not fully comparable, so the number of indicators that entered is always stated.',
    heat: 'Heat-table colours: achievement <50 %, 50–75 %, 75–90 %, 90–100 %, ≥100 %. A colour always comes with its number. Ratings (AA…D for the SAKIP/AKIP score, A…D for IKM, Mandiri…Sangat Tertinggal for IDM) are computed here from the actual value on the official scale in the taxonomy table below.',
    sources:
      'Sources: LKjIP published by the kecamatan governments. Region codes: Kepmendagri 300.2.2-2138/2025 (cahyadsn/wilayah data, MIT licence).',
  },
};

export async function render(root) {
  const x = TEXT[lang()];
  const [concepts, reports] = await Promise.all([get('/api/v1/indicators'), get('/api/v1/reports?limit=100')]);
  root.append(
    h('h1', null, t('nav_method')),
    h('p', { class: 'lead' }, x.intro),
    actions({ downloads: [{ label: t('taxonomy'), csv: csv('/api/v1/indicators'), json: '/api/v1/indicators' }], cites: [datasetCite(concepts.licence)] }),
    section(
      'formulas',
      h('dl', { class: 'formulas' }, x.formulas.map(([k, f]) => [h('dt', null, k), h('dd', null, h('code', null, f))])),
      h('p', null, x.exact)
    ),
    section('ranking_method', h('p', null, x.ranking), h('p', { id: 'composite' }, x.composite), h('p', null, x.heat)),
    section('quality_title', h('p', null, x.quality)),
    section(
      'taxonomy',
      h(
        'div',
        { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('taxonomy') },
        h(
          'table',
          { class: 'data', id: 'taxonomy-table' },
          h('caption', null, t('taxonomy_caption', { n: concepts.data.length })),
          h('thead', null, h('tr', null, [t('indicator'), t('key'), t('unit'), t('direction'), t('scale'), t('synonyms')].map((c) => h('th', { scope: 'col' }, c)))),
          h(
            'tbody',
            null,
            concepts.data.map((c) =>
              h('tr', { id: `concept-${c.key}` }, h('th', { scope: 'row', lang: 'id' }, c.name), h('td', null, h('code', null, c.key)), h('td', null, c.unit || '–'), h('td', null, directionText(c.direction)), h('td', null, c.scale || '–'), h('td', { class: 'syn', lang: 'id' }, c.synonyms.join(', ')))
            )
          )
        )
      )
    ),
    section(
      'sources_title',
      h('p', null, x.sources),
      h(
        'div',
        { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('sources_title') },
        h(
          'table',
          { class: 'data', id: 'reports-table' },
          h('caption', null, t('reports_caption', { n: reports.total })),
          h('thead', null, h('tr', null, [t('kecamatan'), t('kabupaten'), t('year'), t('file'), 'sha256', t('issues')].map((c) => h('th', { scope: 'col' }, c)))),
          h(
            'tbody',
            null,
            reports.data.map((r) =>
              h(
                'tr',
                null,
                h('th', { scope: 'row' }, h('a', { href: `/kecamatan/${r.kecamatan_code}?tahun=${r.tahun}` }, r.kecamatan)),
                h('td', null, r.kabupaten),
                h('td', null, String(r.tahun)),
                h('td', null, h('a', { href: `/api/v1/reports/${r.id}` }, r.file_name)),
                h('td', null, h('code', null, r.sha256.slice(0, 12))),
                h('td', null, `${r.issues_error} / ${r.issues_warning} / ${r.issues_info}`)
              )
            )
          )
        )
      ),
      h('p', { class: 'hint' }, t('issues_hint'))
    ),
    section(
      'licence_title',
      h('p', null, t('licence_text'), ' ', h('q', null, concepts.licence)),
      h('p', null, t('docs_text'), ' ', h('a', { href: '/docs/' }, '/docs'), ' · ', h('a', { href: '/openapi.json' }, 'OpenAPI (openapi.json)'), ' · ', h('a', { href: '/data' }, t('nav_data')))
    )
  );
  if (location.hash) {
    const target = document.getElementById(location.hash.slice(1));
    if (target) setTimeout(() => target.scrollIntoView(), 0);
  }
  return t('nav_method');
}
