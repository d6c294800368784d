import { CallAutomationEvent, parseCallAutomationEvent } from '@azure/communication-call-automation';

/**
 * A callback delivery from ACS: a JSON array of CloudEvents, parsed with the SDK's own parser. Events
 * of types the SDK does not know are skipped; undefined when the body is not such an array.
 */
export function callEventsOf(body: unknown): CallAutomationEvent[] | undefined {
  const events = Array.isArray(body) ? body : body && typeof body === 'object' ? [body] : undefined;
  if (!events?.length) return undefined;
  const parsed: CallAutomationEvent[] = [];
  for (const event of events) {
    if (!event || typeof event !== 'object' || typeof (event as { type?: unknown }).type !== 'string') return undefined;
    try {
      parsed.push(parseCallAutomationEvent(event as Record<string, unknown>));
    } catch (error) {
      if (!(error instanceof TypeError)) return undefined;
    }
  }
  return parsed;
}

/** RecognizeFailed's sub-code when the recognition was cancelled (by another operation), not the caller's silence. */
export const recognizeCancelledSubCode = 8508;
