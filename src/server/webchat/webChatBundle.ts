import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Request, Response } from 'restify';
import { isHeadRequest } from '../http/head';

/**
 * Streams Web Chat's standalone bundle (window.WebChat) from node_modules: no CDN.
 * The package's `exports` map hides dist/, so the file is found next to its resolved entry.
 */
export function resolveWebChatBundle(): string {
  const entry = require.resolve('botframework-webchat'); // <pkg>/lib/index.js
  return path.join(path.dirname(entry), '..', 'dist', 'webchat.js');
}

/** The installed botframework-webchat version (for cache-busting asset URLs). */
export function webChatVersion(bundlePath: string = resolveWebChatBundle()): string {
  try {
    const pkg = require(path.join(path.dirname(bundlePath), '..', 'package.json')) as { version?: string };
    return pkg.version ?? '0';
  } catch {
    return '0';
  }
}

function acceptsGzip(req: Request): boolean {
  const header = req.headers['accept-encoding'];
  return typeof header === 'string' && /\bgzip\b/i.test(header);
}

export async function serveWebChatBundle(req: Request, res: Response, bundlePath: string): Promise<void> {
  const stat = await fs.stat(bundlePath);
  const gzip = acceptsGzip(req);
  const etag = `"wc-${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}${gzip ? '-gz' : ''}"`;
  const headers: Record<string, string> = {
    'Content-Type': 'application/javascript; charset=utf-8',
    // URLs carry ?v=<version>; a day's caching plus revalidation keeps upgrades safe anyway.
    'Cache-Control': 'public, max-age=86400',
    ETag: etag,
    'Last-Modified': stat.mtime.toUTCString(),
    Vary: 'Accept-Encoding',
    'X-Content-Type-Options': 'nosniff',
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  if (gzip) headers['Content-Encoding'] = 'gzip';
  else headers['Content-Length'] = String(stat.size);
  res.writeHead(200, headers);
  if (isHeadRequest(req)) {
    res.end();
    return;
  }
  // pipeline() closes the file if the client goes away; a broken download just ends the socket.
  const source = createReadStream(bundlePath);
  await (gzip ? pipeline(source, createGzip(), res) : pipeline(source, res)).catch(() => res.destroy());
}
