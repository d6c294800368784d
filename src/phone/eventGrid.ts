import { sameSecret } from './secrets';

/** A call ACS offers us (an Event Grid `Microsoft.Communication.IncomingCall` event). */
export interface IncomingCall {
  eventId: string;
  incomingCallContext: string;
  /** The caller as ACS names them (`4:+12145550123`, `8:acs:…`). */
  callerRawId: string;
  /** E.164, when the caller is on the phone network and did not withhold it. */
  callerNumber?: string;
  /** What the ISP's IVR put on the call (SIP `X-MS-Custom-…` / VoIP headers): a queue position, an account id. */
  ivrContext: Record<string, string>;
  correlationId?: string;
}

export type EventGridDelivery =
  | { kind: 'refused'; status: 400 | 401 | 403; reason: string }
  | { kind: 'validation'; validationCode: string }
  | { kind: 'calls'; calls: IncomingCall[] };

export interface EventGridTrust {
  /** Expected in the delivery URL's `secret` query parameter. */
  secret?: string;
  /** The ACS resource id every event's `topic` must name. */
  topic?: string;
}

const validationEventType = 'Microsoft.EventGrid.SubscriptionValidationEvent';
const incomingCallEventType = 'Microsoft.Communication.IncomingCall';

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function stringsOf(value: unknown): Record<string, string> {
  const entries = Object.entries(record(value) ?? {}).filter(([, v]) => typeof v === 'string');
  return Object.fromEntries(entries) as Record<string, string>;
}

function incomingCallOf(event: Record<string, unknown>): IncomingCall | undefined {
  const data = record(event.data);
  const from = record(data?.from);
  if (typeof event.id !== 'string' || typeof data?.incomingCallContext !== 'string' || typeof from?.rawId !== 'string') return undefined;
  const phone = record(from.phoneNumber)?.value;
  const custom = record(data.customContext);
  return {
    eventId: event.id,
    incomingCallContext: data.incomingCallContext,
    callerRawId: from.rawId,
    callerNumber: typeof phone === 'string' && /^\+[0-9]{6,15}$/.test(phone) ? phone : undefined,
    ivrContext: { ...stringsOf(custom?.voipHeaders), ...stringsOf(custom?.sipHeaders) },
    correlationId: typeof data.correlationId === 'string' ? data.correlationId : undefined,
  };
}

/**
 * Reads one Event Grid webhook delivery (Event Grid schema: a JSON array of events). With a secret set,
 * a delivery without it is refused before its body is looked at (401); with a topic set, an event from
 * another Communication Services resource refuses the whole delivery (403).
 */
export function readEventGridDelivery(body: unknown, querySecret: string | undefined, trust: EventGridTrust): EventGridDelivery {
  if (trust.secret && !(querySecret && sameSecret(querySecret, trust.secret))) {
    return { kind: 'refused', status: 401, reason: querySecret ? 'wrong Event Grid secret' : 'no Event Grid secret' };
  }
  if (!Array.isArray(body) || body.length === 0 || !body.every((event) => record(event))) {
    return { kind: 'refused', status: 400, reason: 'not an Event Grid array of events' };
  }
  const events = body as Record<string, unknown>[];
  if (trust.topic && events.some((event) => typeof event.topic !== 'string' || event.topic.toLowerCase() !== trust.topic!.toLowerCase())) {
    return { kind: 'refused', status: 403, reason: 'event from another Communication Services resource' };
  }
  const validation = events.find((event) => event.eventType === validationEventType);
  if (validation) {
    const code = record(validation.data)?.validationCode;
    return typeof code === 'string' ? { kind: 'validation', validationCode: code } : { kind: 'refused', status: 400, reason: 'validation event without a code' };
  }
  const calls: IncomingCall[] = [];
  for (const event of events.filter((e) => e.eventType === incomingCallEventType)) {
    const call = incomingCallOf(event);
    if (!call) return { kind: 'refused', status: 400, reason: 'IncomingCall event without a call context or caller' };
    calls.push(call);
  }
  return { kind: 'calls', calls };
}
