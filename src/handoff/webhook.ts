import type { Logger } from '../logging/logger';
import type { Sleep } from './clock';
import type { WebhookSettings } from './settings';

export interface WebhookResult {
  delivered: boolean;
  /** The ticket system's reference from the response body, if it sent one. */
  ticket?: string;
  attempts: number;
}

/** Fields of the response body read as the ticket reference, first found wins. */
const ticketFields = ['ticket', 'reference', 'ticketId', 'ticketNumber', 'id', 'key'];

function ticketFrom(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  for (const field of ticketFields) {
    const value = (body as Record<string, unknown>)[field];
    if ((typeof value === 'string' && value.trim()) || typeof value === 'number') return String(value).trim().slice(0, 64);
  }
  return undefined;
}

/** 408, 429 and 5xx may succeed later; any other 4xx will not. */
function retryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * POSTs the (already redacted) handoff summary as JSON to a ticket system, retrying with exponential
 * backoff (backoffMs, then twice that, ...). Every attempt carries the same Idempotency-Key, so a
 * ticket system that honours it creates one ticket however many attempts it sees.
 */
export class WebhookClient {
  constructor(
    private readonly settings: WebhookSettings,
    private readonly deps: { fetch: typeof fetch; sleep: Sleep; logger: Logger },
  ) {}

  async deliver(payload: unknown, idempotencyKey: string): Promise<WebhookResult> {
    const { url, token, maxAttempts, backoffMs, timeoutMs } = this.settings;
    const host = new URL(url).host; // never the path or query: they may carry a key
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': idempotencyKey };
    if (token) headers.authorization = `Bearer ${token}`;

    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      let problem: string;
      try {
        const response = await this.deps.fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
        const text = await response.text();
        if (response.ok) {
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          const ticket = ticketFrom(parsed);
          this.deps.logger.info('handoff webhook delivered', { host, attempt, status: response.status, ticket });
          return { delivered: true, ticket, attempts: attempt };
        }
        if (!retryable(response.status)) {
          this.deps.logger.warn('handoff webhook refused', { host, attempt, status: response.status });
          return { delivered: false, attempts: attempt };
        }
        problem = `HTTP ${response.status}`;
      } catch (error) {
        problem = error instanceof Error ? error.name : 'error';
      }
      const last = attempt === maxAttempts;
      this.deps.logger.warn(last ? 'handoff webhook gave up' : 'handoff webhook failed, retrying', { host, attempt, problem });
      if (!last) await this.deps.sleep(backoffMs * 2 ** (attempt - 1));
    }
    return { delivered: false, attempts: maxAttempts };
  }
}
