import type { Request } from 'restify';

/**
 * Reads a request's JSON body, whether or not a global `restify.plugins.bodyParser()` already ran.
 * (Adding restify's parser per route on top of a global one would fail: it parses twice.)
 */
export type JsonBodyResult = { ok: true; value: unknown } | { ok: false; reason: 'too-large' | 'invalid-json' };

interface MaybeParsedRequest {
  body?: unknown;
  _readBody?: boolean;
}

const DEFAULT_MAX_BYTES = 256 * 1024;

function parseText(text: string): JsonBodyResult {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: 'invalid-json' };
  }
}

function readStream(req: Request, maxBytes: number): Promise<JsonBodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: JsonBodyResult) => {
      if (done) return;
      done = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        finish({ ok: false, reason: 'too-large' });
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish(parseText(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', () => finish({ ok: false, reason: 'invalid-json' }));
  });
}

export async function readJsonBody(req: Request, maxBytes: number = DEFAULT_MAX_BYTES): Promise<JsonBodyResult> {
  const parsed = req as unknown as MaybeParsedRequest;
  const declared = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, reason: 'too-large' };

  if (parsed._readBody || parsed.body !== undefined) {
    const body = parsed.body;
    if (body === undefined || body === null) return { ok: true, value: undefined };
    if (Buffer.isBuffer(body)) {
      if (body.length > maxBytes) return { ok: false, reason: 'too-large' };
      return parseText(body.toString('utf8'));
    }
    if (typeof body === 'string') {
      if (Buffer.byteLength(body) > maxBytes) return { ok: false, reason: 'too-large' };
      return parseText(body);
    }
    return { ok: true, value: body };
  }
  return readStream(req, maxBytes);
}
