// Serves the page assets from src/web/static (whitelisted names only) and the latest eval report directory.
import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';

export const STATIC_DIR = fileURLToPath(new URL('./static/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
};

/** Pages and scripts come only from this server: no CDN, no inline script, no external font. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

/**
 * The eval report is one self-contained HTML page with inline styles/SVG (and maybe inline script). It runs
 * sandboxed (an opaque origin, so it cannot call the API) and may not load anything from the network.
 */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; font-src data:; " +
  'sandbox allow-scripts allow-popups';

export function serveFile(res: ServerResponse, file: string, csp: string, status = 200): boolean {
  let body: Buffer;
  try {
    body = fs.readFileSync(file);
  } catch {
    return false;
  }
  res.writeHead(status, {
    'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': body.length,
    'Cache-Control': 'no-cache',
    'Content-Security-Policy': csp,
  });
  res.end(body);
  return true;
}

export function serveStatic(res: ServerResponse, name: string, status = 200): boolean {
  if (!/^[a-z0-9-]+\.(html|js|css|svg|png)$/.test(name)) return false;
  return serveFile(res, path.join(STATIC_DIR, name), PAGE_CSP, status);
}

/** GET /report/<rel>: files of the latest report's directory; `rel` may not leave that directory. */
export function serveReport(res: ServerResponse, reportHtml: string | undefined, rel: string): boolean {
  if (!reportHtml || !fs.existsSync(reportHtml)) return false;
  const dir = path.dirname(path.resolve(reportHtml));
  let decoded: string;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return false;
  }
  const file = decoded === '' ? path.resolve(reportHtml) : path.resolve(dir, decoded);
  if (file !== dir && !file.startsWith(dir + path.sep)) return false;
  return serveFile(res, file, REPORT_CSP);
}
