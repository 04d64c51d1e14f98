// Formatting of the API's exact decimal strings ("83.20", "1677707236.00") for reading, without
// going through floating point: the digits shown are the digits stored.
import { lang } from './i18n.js';

function seps() {
  return lang() === 'en' ? { dec: '.', grp: ',' } : { dec: ',', grp: '.' };
}

/** "1677707236.00" → "1.677.707.236,00" (id) / "1,677,707,236.00" (en). */
export function num(value, opts = {}) {
  if (value === null || value === undefined || value === '') return '–';
  const str = String(value).trim();
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(str);
  if (!m) return str;
  const { dec, grp } = seps();
  let [, sign, int, frac] = m;
  if (opts.dropZeroFraction && frac && /^0+$/.test(frac)) frac = undefined;
  int = int.replace(/\B(?=(\d{3})+(?!\d))/g, grp);
  return sign + int + (frac ? dec + frac : '');
}

/** A percentage: "123.75" → "123,75 %". */
export const pct = (value) => (value === null || value === undefined ? '–' : num(value) + ' %');

/** Rupiah: "3413100300" → "Rp 3.413.100.300". */
export const rp = (value) =>
  value === null || value === undefined ? '–' : 'Rp ' + num(value, { dropZeroFraction: true });

/** A float computed here (a median, a mean), two decimals. */
export function float(x, digits = 2) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  return num(x.toFixed(digits));
}

/** A number for sorting and drawing only (never displayed). */
export function val(value) {
  if (value === null || value === undefined || value === '') return null;
  const x = Number(value);
  return Number.isFinite(x) ? x : null;
}

export function median(xs) {
  const v = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}
