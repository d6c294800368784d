import type { OutcomeQuery } from '../../outcomes/aggregate';

const dayMs = 24 * 60 * 60 * 1000;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const idPattern = /^[a-z0-9._-]{1,64}$/i;
// A year, and one more day: longer than any retention the dashboard could still find events for.
const longestDays = 366;
// The page shows the last seven days (today included) unless asked otherwise.
const defaultDays = 7;

/** What the dashboard was asked for, as the page and the CSV's name write it (UTC days). */
export interface FiguresRequest {
  from: string;
  to: string;
  channel?: string;
  program?: string;
}

function single(value: unknown): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' && text.trim() ? text.trim() : undefined;
}

function day(value: string | undefined, name: string): Date | string | undefined {
  if (value === undefined) return undefined;
  const parsed = datePattern.test(value) ? new Date(`${value}T00:00:00.000Z`) : undefined;
  return parsed && !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value) ? parsed : `${name} must be a date such as 2026-12-01`;
}

/** The query in the address (from, to, channel, program), or the reason it cannot be answered. */
export function parseFiguresQuery(query: Record<string, unknown>, now: Date): { request: FiguresRequest; query: OutcomeQuery } | { problem: string } {
  const today = new Date(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`);
  const to = day(single(query.to), 'to') ?? today;
  if (typeof to === 'string') return { problem: to };
  const from = day(single(query.from), 'from') ?? new Date(to.getTime() - (defaultDays - 1) * dayMs);
  if (typeof from === 'string') return { problem: from };
  if (from > to) return { problem: 'from must not be after to' };
  if ((to.getTime() - from.getTime()) / dayMs >= longestDays) return { problem: `the period must be at most ${longestDays} days` };
  const channel = single(query.channel);
  const program = single(query.program);
  for (const [name, value] of [['channel', channel], ['program', program]] as const) {
    if (value !== undefined && !idPattern.test(value)) return { problem: `${name} must be an id such as webchat or outlook-express` };
  }
  const request = { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10), channel, program };
  return { request, query: { from, to: new Date(to.getTime() + dayMs - 1), channel, program } };
}
