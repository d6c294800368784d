import type { Logger } from '../logging/logger';
import type { Redactor } from './redaction';

/** Log fields that carry what a customer typed: redacted as whole messages (a lone password too). */
const customerTextFields = new Set(['text', 'customerText', 'recentCustomerMessages', 'detail']);

function redactField(redactor: Redactor, key: string, value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactor.redact(value, { wholeMessage: customerTextFields.has(key) }).text;
  if (depth > 8 || !value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactField(redactor, key, item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, redactField(redactor, name, item, depth + 1)]));
}

/**
 * The app's logger with the privacy module's redaction on every line: "password is ..." is masked in
 * the message and in every field (error texts included), and fields that carry customer text are
 * redacted as whole messages. Callers still pass redacted values; this is the net under them.
 */
export function redactingLogger(logger: Logger, redactor: Redactor): Logger {
  const wrap =
    (emit: Logger['info']) =>
    (message: string, fields?: Record<string, unknown>) =>
      emit(redactor.redact(message, { wholeMessage: false }).text, fields && (redactField(redactor, '', fields) as Record<string, unknown>));
  return { debug: wrap(logger.debug), info: wrap(logger.info), warn: wrap(logger.warn), error: wrap(logger.error) };
}
