import { createHash } from 'node:crypto';

/**
 * The caller's user id on the phone channel. The same number always gives the same id, so a caller who
 * rings again is the returning customer their number was; the number itself is not in the id (it
 * names stored keys). A withheld number gets an id of its own for this call only.
 */
export function callerUserId(callerNumber: string | undefined, callKey: string): string {
  if (!callerNumber) return `phone-withheld-${callKey}`;
  return `phone-${createHash('sha256').update(`stepwise-phone:${callerNumber}`).digest('hex').slice(0, 32)}`;
}
