import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { CallAutomationEvent } from '@azure/communication-call-automation';
import { KeyedQueue } from '../bot/keyedQueue';
import type { Language } from '../content/languages';
import type { Logger } from '../logging/logger';
import type { BridgeLines } from './bridgeLines';
import type { CallerActivities } from './callerActivities';
import { callerUserId } from './callerIdentity';
import type { CallbackTokenCheck } from './callbackToken';
import { CallControl, operations } from './callControl';
import { callEventsOf, recognizeCancelledSubCode } from './callEvents';
import { languageOfReplies } from './callLanguage';
import type { CallRecord, CallRecords } from './callRecords';
import type { IncomingCall } from './eventGrid';
import { ivrLanguage } from './ivrLanguage';
import { callSecretMatches, newCallSecret } from './secrets';
import { spokenTurn } from './spokenTurn';
import { keyOfTone } from './tones';
import { transferContext } from './transfer';

/** Runs one turn of the conversation and returns what the bot sent in it. */
export type ConversationTurn = (activity: Partial<Activity>) => Promise<Partial<Activity>[]>;

export interface PhoneBridgeOptions {
  records: CallRecords;
  control: CallControl;
  turn: ConversationTurn;
  activities: CallerActivities;
  /** The bridge's own lines in each language; a call hears them in its own. */
  lines: Record<Language, BridgeLines>;
  /** Each language's locale on a call (its voice's): what the recognizer listens for. */
  locales: Record<Language, string>;
  /** The language of a call until the IVR or the conversation says otherwise. */
  defaultLanguage: Language;
  /** `<ACS_CALLBACK_BASE_URL>/api/calls/events`: the per-call key and secret are added to it. */
  callbackUrl: string;
  logger: Logger;
  /** With ACS_RESOURCE_ID: the check of ACS's signed token on every callback, on top of the call's secret. */
  callbackToken?: CallbackTokenCheck;
  /** Silences in a row after which the call is ended (the caller's place is kept). */
  maxSilences?: number;
}

/** `detail` is for the log only. */
export type CallbackOutcome = { status: 200 } | { status: 400 | 401 | 403 | 404 | 503; reason: string; detail?: string };

const recentEventsKept = 500;

/**
 * The phone bridge: an answered call is one conversation on the `phone` channel. What the caller says
 * or presses (or their silence) becomes a turn; the turn's spoken replies are played while listening
 * for the next answer; a handoff transfers the call.
 */
export class PhoneBridge {
  private readonly queue = new KeyedQueue();
  /** Event Grid delivers at least once: an IncomingCall seen again must not be answered twice. */
  private readonly seenEvents = new Set<string>();
  private readonly maxSilences: number;

  constructor(private readonly options: PhoneBridgeOptions) {
    this.maxSilences = options.maxSilences ?? 6;
  }

  async incomingCall(call: IncomingCall): Promise<void> {
    if (this.seenEvents.has(call.eventId)) return;
    this.seenEvents.add(call.eventId);
    if (this.seenEvents.size > recentEventsKept) this.seenEvents.delete(this.seenEvents.values().next().value!);

    const callKey = randomUUID();
    const { secret, hash } = newCallSecret();
    const record: CallRecord = {
      callKey,
      secretHash: hash,
      conversationId: `phone-${callKey}`,
      userId: callerUserId(call.callerNumber, callKey),
      callerRawId: call.callerRawId,
      callerNumber: call.callerNumber,
      ivrContext: call.ivrContext,
      correlationId: call.correlationId,
      startedAt: new Date().toISOString(),
      status: 'answering',
      silences: 0,
      language: ivrLanguage(call.ivrContext),
    };
    const callbackUrl = `${this.options.callbackUrl}?call=${callKey}&secret=${secret}`;
    // The call's first callbacks can arrive before the answer returns: they wait in its queue.
    await this.queue.run(callKey, async () => {
      try {
        await this.options.records.save(record);
      } catch (error) {
        // Not answered: Event Grid delivers the call again after the 500, and it must not count as seen.
        this.seenEvents.delete(call.eventId);
        throw error;
      }
      try {
        record.callConnectionId = await this.options.control.answer(call.incomingCallContext, callbackUrl);
        this.options.logger.info('phone call answered', { callKey, callConnectionId: record.callConnectionId, correlationId: call.correlationId });
      } catch (error) {
        record.status = 'ended';
        this.options.logger.error('phone call could not be answered', { callKey, correlationId: call.correlationId, error: errorText(error) });
      }
      await this.options.records.save(record);
    });
  }

  /**
   * One callback delivery for the call named in its URL. Checked before anything changes: a secret at
   * all (401), ACS's signed token when it is checked (401), a call by that key (404), its secret (401), a
   * body of Call Automation events (400), all of them about this call's connection (403).
   */
  async callback(callKey: string | undefined, secret: string | undefined, body: unknown, authorization?: string): Promise<CallbackOutcome> {
    if (!secret) return { status: 401, reason: 'no call secret' };
    const tokenRefused = await this.options.callbackToken?.(authorization);
    if (tokenRefused) return tokenRefused;
    const record = callKey ? await this.options.records.get(callKey) : undefined;
    if (!record) return { status: 404, reason: 'unknown call' };
    if (!callSecretMatches(secret, record.secretHash)) return { status: 401, reason: 'wrong call secret' };
    const events = callEventsOf(body);
    if (!events) return { status: 400, reason: 'not Call Automation events' };
    const known = record.callConnectionId;
    if (events.some((event) => !event.callConnectionId || (known && event.callConnectionId !== known))) {
      return { status: 403, reason: 'event for another call connection' };
    }
    await this.queue.run(record.callKey, async () => {
      for (const event of events) await this.handle(record.callKey, event);
    });
    return { status: 200 };
  }

  private async handle(callKey: string, event: CallAutomationEvent): Promise<void> {
    // Read again inside the queue: the delivery before this one may have changed the call.
    const call = await this.options.records.get(callKey);
    if (!call || call.status === 'ended') return;
    call.callConnectionId ??= event.callConnectionId;
    const { logger } = this.options;
    switch (event.kind) {
      case 'CallConnected':
        if (call.status !== 'answering') return;
        call.status = 'connected';
        await this.respond(call, this.heard(call, await this.options.turn(this.options.activities.joined(call))));
        break;
      case 'RecognizeCompleted': {
        call.silences = 0;
        const key = event.dtmfResult?.tones?.[0] ? keyOfTone(event.dtmfResult.tones[0]) : undefined;
        const speech = event.speechResult?.speech?.trim();
        const activity = key ? this.options.activities.pressed(call, key) : speech ? this.options.activities.said(call, speech) : this.options.activities.silent(call);
        await this.respond(call, this.heard(call, await this.options.turn(activity)));
        break;
      }
      case 'RecognizeFailed':
        if (event.resultInformation?.subCode === recognizeCancelledSubCode) return;
        await this.silence(call);
        break;
      case 'PlayCompleted':
      case 'PlayFailed':
        if (event.operationContext === operations.beforeTransfer && call.status === 'transferring') {
          await this.options.control.transfer(call.callConnectionId!, transferContext(call.transfer ?? {}));
        } else if (event.operationContext === operations.goodbye) {
          await this.options.control.hangUp(call.callConnectionId!);
        }
        break;
      case 'CallTransferAccepted':
        call.status = 'transferred';
        await this.options.turn(this.options.activities.transfer(call, 'accepted'));
        logger.info('phone call transferred', { callKey, reference: call.transfer?.reference });
        break;
      case 'CallTransferFailed': {
        call.status = 'connected';
        logger.warn('phone transfer failed', { callKey, reference: call.transfer?.reference, code: event.resultInformation?.subCode });
        const replies = this.heard(call, await this.options.turn(this.options.activities.transfer(call, 'failed')));
        const { prompts } = spokenTurn(replies);
        await this.listen(call, prompts.length ? prompts : [this.lines(call).transferFailed(call.transfer?.reference)]);
        break;
      }
      case 'CallDisconnected':
        // The conversation keeps the caller's place: calling again from the same number offers it.
        call.status = 'ended';
        logger.info('phone call ended', { callKey });
        break;
      default:
        return;
    }
    await this.options.records.save(call);
  }

  private async silence(call: CallRecord): Promise<void> {
    call.silences += 1;
    if (call.silences >= this.maxSilences) {
      await this.options.control.say(call.callConnectionId!, [this.lines(call).goodbyeAfterSilence()], operations.goodbye);
      return;
    }
    const { prompts } = spokenTurn(this.heard(call, await this.options.turn(this.options.activities.silent(call))));
    await this.listen(call, call.silences % 2 === 0 ? [...prompts, this.lines(call).silenceOffer()] : prompts);
  }

  private async respond(call: CallRecord, replies: Partial<Activity>[]): Promise<void> {
    const { prompts, handoff } = spokenTurn(replies);
    if (!handoff) return this.listen(call, prompts);
    call.status = 'transferring';
    call.transfer = handoff;
    // The caller hears where they are going and their reference before the line changes.
    const announcement = handoff.reference ? [...prompts, this.lines(call).referenceBeforeTransfer(handoff.reference)] : prompts;
    if (announcement.length) await this.options.control.say(call.callConnectionId!, announcement, operations.beforeTransfer);
    else await this.options.control.transfer(call.callConnectionId!, transferContext(handoff));
  }

  /** The turn's replies, the call now in the language they were in (the conversation chose it for the turn). */
  private heard(call: CallRecord, replies: Partial<Activity>[]): Partial<Activity>[] {
    call.language = languageOfReplies(replies) ?? call.language;
    return replies;
  }

  private languageOf(call: CallRecord): Language {
    return call.language ?? this.options.defaultLanguage;
  }

  private lines(call: CallRecord): BridgeLines {
    return this.options.lines[this.languageOf(call)];
  }

  /** Listens in the call's language: the caller answers in the one they were just spoken to in. */
  private listen(call: CallRecord, prompts: string[]): Promise<void> {
    return this.options.control.listen(call.callConnectionId!, call.callerRawId, prompts, this.options.locales[this.languageOf(call)]);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
