import { ActivityTypes, type Activity } from 'botbuilder';

/**
 * What a customer's own chat client may want to know besides the words: the website chat page forgets
 * its stored credential after "forget me" and shows "Waiting for a technician" while one is asked for.
 */
export type ClientSignal = { kind: 'forgotten' } | { kind: 'handoff'; state: 'waiting' | 'connected' | 'closed' };

/** Direct Line clients (the website chat page). Teams does not deliver events; voice and plain text have no page. */
const signalledChannels = new Set(['webchat', 'directline']);

export function renderSignal(signal: ClientSignal, channelId: string | undefined): Partial<Activity> | undefined {
  if (!signalledChannels.has((channelId ?? '').toLowerCase())) return undefined;
  if (signal.kind === 'forgotten') return { type: ActivityTypes.Event, name: 'stepwise.forgotten' };
  return { type: ActivityTypes.Event, name: 'stepwise.handoff', value: { state: signal.state } };
}
