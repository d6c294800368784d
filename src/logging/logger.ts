/**
 * The logger interface, and a small key=value line logger for tests, tools and the benchmark; the
 * process itself logs through pino (pinoLogger.ts). Secrets never reach a logger directly: callers
 * pass already-redacted values.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

function formatFields(fields?: Record<string, unknown>): string {
  if (!fields) return '';
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}=${typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value ?? null)}`)
    .join('');
}

export function createLogger(level: LogLevel = 'info', sink: (line: string) => void = (line) => process.stdout.write(line + '\n')): Logger {
  const emit = (at: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (order[at] < order[level]) return;
    sink(`${new Date().toISOString()} ${at.toUpperCase()} ${message}${formatFields(fields)}`);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

/** A logger that records lines in memory: for tests that assert what was (not) logged. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger('debug', (line) => lines.push(line));
  return Object.assign(logger, { lines });
}
