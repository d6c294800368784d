/** A line of the process's JSON log (src/logging/pinoLogger.ts). */
export interface LogRecord {
  level: string;
  time: string;
  msg: string;
  [field: string]: unknown;
}

/** The JSON log records in a process's output (other lines, such as Node's warnings, are skipped). */
export function logRecords(output: string): LogRecord[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogRecord);
}

/** The first record with this message (or matching it). */
export function logRecord(output: string, msg: string | RegExp): LogRecord | undefined {
  return logRecords(output).find((record) => (typeof msg === 'string' ? record.msg === msg : msg.test(record.msg)));
}
