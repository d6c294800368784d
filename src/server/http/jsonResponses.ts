import type { Response } from 'restify';

/** Direct Line / Bot Framework style error body: `{ error: { code, message } }`. */
export function sendError(res: Response, status: number, code: string, message: string): void {
  res.header('Cache-Control', 'no-store');
  res.send(status, { error: { code, message } });
}

export function sendJson(res: Response, status: number, body: unknown): void {
  res.header('Cache-Control', 'no-store');
  res.send(status, body);
}

/** The token from `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match ? match[1] : undefined;
}
