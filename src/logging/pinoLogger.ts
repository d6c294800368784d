import type { Writable } from 'node:stream';
import pino from 'pino';
import pretty from 'pino-pretty';
import type { Logger, LogLevel } from './logger';

export type LogFormat = 'json' | 'pretty';

/**
 * The process logger (pino, to stdout unless tests give a `destination`): one JSON object a line,
 * `{"level":"info","time":"…",…fields,"msg":"…"}`, or, for a person at a terminal, pino-pretty's
 * coloured single lines. Written synchronously, so the last lines before an exit are not lost.
 * Redaction is the caller's: src/privacy/redactingLogger wraps it.
 */
export function createPinoLogger(level: LogLevel, format: LogFormat, destination?: Writable): Logger {
  const stream =
    format === 'pretty'
      ? pretty({ colorize: destination === undefined && Boolean(process.stdout.isTTY), singleLine: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', destination })
      : (destination ?? pino.destination({ sync: true }));
  const log = pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
  const emit = (at: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) =>
    fields ? log[at](fields, message) : log[at](message);
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** pretty at a terminal, JSON otherwise (containers, log collectors, pipes), unless LOG_FORMAT says. */
export function defaultLogFormat(chosen: LogFormat | undefined, stdoutIsTerminal = Boolean(process.stdout.isTTY)): LogFormat {
  return chosen ?? (stdoutIsTerminal ? 'pretty' : 'json');
}
