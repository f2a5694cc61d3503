/** The URL, or null when `raw` (resolved against `base`) does not parse; Node 20 has no URL.parse. */
export function parseUrl(raw: string, base?: string | URL): URL | null {
  try {
    return new URL(raw, base);
  } catch {
    return null;
  }
}

/** http: and https: are the only schemes newsbot fetches, keeps or links to. */
export function isHttp(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

/** The URL when `raw` is an http(s) URL; null for anything else (`javascript:`, `file:`, garbage). */
export function parseHttpUrl(raw: string): URL | null {
  const url = parseUrl(raw);
  return url !== null && isHttp(url) ? url : null;
}
