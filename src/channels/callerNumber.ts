import type { Activity } from 'botbuilder';
import { phoneChannelId } from './profiles';

/**
 * The number a caller is calling from (E.164), as the phone bridge puts it on every activity of a call;
 * undefined when the number was withheld, and on every other channel. Only the bridge makes `phone`
 * activities (/api/messages refuses that channel), so the number is the one the phone network gave.
 */
export function callerNumber(activity: Partial<Activity>): string | undefined {
  if (activity.channelId !== phoneChannelId) return undefined;
  const number = (activity.channelData as { callerNumber?: unknown } | undefined)?.callerNumber;
  return typeof number === 'string' && /^\+[1-9]\d{5,14}$/.test(number) ? number : undefined;
}
