/** Nearest-rank percentile of unsorted values. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

export interface TargetFigures {
  name: string;
  turnsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** CPU the bot process spent per turn. */
  botCpuMs: number;
  peakRssMb: number;
  /** Stored bytes per finished conversation (transcript included), and for one in the middle of the steps (without it). */
  storedPerConversation?: number;
  storedInProgress?: number;
  /** The transcript's bytes in that conversation's state. */
  transcriptInProgress?: number;
  storageRequestsPerTurn?: number;
}

const pad = (text: string, width: number) => text.padStart(width);

export function table(rows: TargetFigures[]): string {
  const header = ['target', 'turns/s', 'p50 ms', 'p95 ms', 'p99 ms', 'bot CPU ms/turn', 'peak RSS MB', 'B/conv done', 'B/conv mid-way', '+transcript B', 'storage req/turn'];
  const figure = (value: number | undefined, digits: number) => (value === undefined ? '-' : value.toFixed(digits));
  const lines = rows.map((row) => [
    row.name,
    row.turnsPerSecond.toFixed(0),
    row.p50.toFixed(2),
    row.p95.toFixed(2),
    row.p99.toFixed(2),
    row.botCpuMs.toFixed(2),
    row.peakRssMb.toFixed(0),
    figure(row.storedPerConversation, 0),
    figure(row.storedInProgress, 0),
    figure(row.transcriptInProgress, 0),
    figure(row.storageRequestsPerTurn, 2),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i].length)));
  return [header, ...lines].map((line) => line.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : pad(cell, widths[i]))).join('  ')).join('\n');
}

export interface Check {
  description: string;
  value: number;
  limit: number;
  /** 'min': value must be at least limit; 'max': at most. */
  kind: 'min' | 'max';
}

export function passed(check: Check): boolean {
  return check.kind === 'min' ? check.value >= check.limit : check.value <= check.limit;
}

export function formatCheck(check: Check): string {
  const relation = check.kind === 'min' ? '>=' : '<=';
  return `${passed(check) ? 'PASS' : 'FAIL'}  ${check.description}: ${check.value.toFixed(2)} ${relation} ${check.limit}`;
}
