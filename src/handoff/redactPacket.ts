import type { Activity } from 'botbuilder';
import type { Redactor } from '../privacy/redaction';
import type { HandoffSummary } from './summary';

/*
 * What customers typed is masked by RedactionMiddleware before anything stores it; these run the same
 * Redactor again over the customer-written parts of what leaves the bot (defence in depth). Only text
 * is passed through it: ids, references and timestamps are not text and could look like a password.
 */

export function redactSummary(redactor: Redactor, summary: HandoffSummary): HandoffSummary {
  const text = (value: string) => redactor.redact(value).text;
  return {
    ...summary,
    detail: summary.detail === null ? null : text(summary.detail),
    recentCustomerMessages: summary.recentCustomerMessages.map(text),
    headline: text(summary.headline),
  };
}

export function redactTranscript(redactor: Redactor, transcript: Partial<Activity>[]): Partial<Activity>[] {
  return transcript.map((activity) => {
    const copy = { ...activity };
    if (typeof copy.text === 'string') copy.text = redactor.redact(copy.text).text;
    if (typeof copy.speak === 'string') copy.speak = redactor.redact(copy.speak).text;
    if (copy.value !== undefined) copy.value = redactor.redactDeep(copy.value);
    return copy;
  });
}
