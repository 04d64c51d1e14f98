// The public REST API (/api/v1), read with fetch. Answers are cached for the page's life.
const cache = new Map();

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
  }
}

export function get(path) {
  if (!cache.has(path)) {
    const p = fetch(path, { headers: { Accept: 'application/json' } }).then(async (r) => {
      if (!r.ok) {
        let detail = '';
        try {
          detail = (await r.json()).detail;
        } catch {
          /* not a problem document */
        }
        throw new ApiError(r.status, detail);
      }
      return r.json();
    });
    p.catch(() => cache.delete(path));
    cache.set(path, p);
  }
  return cache.get(path);
}

/** Builds /api/v1/… with the given query (null/empty values left out). */
export function url(path, query = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== null && v !== undefined && v !== '') q.set(k, v);
  }
  const qs = q.toString();
  return `/api/v1${path}${qs ? '?' + qs : ''}`;
}

/** Every row of a collection, following `next` links (bounded). */
export async function all(path, maxPages = 20) {
  let page = await get(path);
  const rows = [...page.data];
  let n = 1;
  while (page.next && n < maxPages) {
    page = await get(page.next);
    rows.push(...page.data);
    n++;
  }
  return { data: rows, total: page.total, licence: page.licence };
}

/** Whether the running server offers an endpoint (the API grows; the dashboard degrades). */
export async function has(pathTemplate) {
  try {
    const spec = await get('/openapi.json');
    return Object.prototype.hasOwnProperty.call(spec.paths || {}, pathTemplate);
  } catch {
    return false;
  }
}

/** A link that answers the same data as CSV. */
export function csv(apiUrl) {
  return apiUrl + (apiUrl.includes('?') ? '&' : '?') + 'format=csv';
}

/** The browser's session: who is logged in and the CSRF token for the next change. */
export async function session() {
  const r = await fetch('/api/v1/session', { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
  if (!r.ok) throw new ApiError(r.status, '');
  return r.json();
}

/**
 * A change (POST/DELETE) with a JSON body, sent with the session cookie and its CSRF token.
 * Answers the parsed body (null for 204); a problem document becomes an ApiError.
 */
export async function send(method, path, body, csrf) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrf) headers['X-CSRF-Token'] = csrf;
  const r = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  if (r.status === 204) return null;
  let json = null;
  try {
    json = await r.json();
  } catch {
    /* no body */
  }
  if (!r.ok) throw new ApiError(r.status, (json && json.detail) || '');
  // A change may alter what the cached reads answered.
  cache.clear();
  return json;
}
