import type { Storage } from 'botbuilder';
import type { Language } from '../content/languages';

export type CallStatus = 'answering' | 'connected' | 'transferring' | 'transferred' | 'ended';

/** What the caller is being transferred with: read from the handoff the conversation started. */
export interface PendingTransfer {
  reference?: string;
  headline?: string;
  where?: string;
}

/** One phone call, kept in the state store so any instance can take its next callback. */
export interface CallRecord {
  callKey: string;
  /** Hash of the secret in this call's callback URL. */
  secretHash: string;
  conversationId: string;
  userId: string;
  callerRawId: string;
  callerNumber?: string;
  ivrContext: Record<string, string>;
  callConnectionId?: string;
  correlationId?: string;
  startedAt: string;
  status: CallStatus;
  /** "Didn't hear you" turns in a row. */
  silences: number;
  transfer?: PendingTransfer;
  /**
   * The language the call is in: the one the IVR says the caller chose, then the language of the
   * conversation's last reply. Unset until either says (the bridge's default language then).
   */
  language?: Language;
}

const keyOf = (callKey: string) => `stepwise/phone/calls/${callKey}`;

/** Calls by the key in their callback URL. */
export class CallRecords {
  constructor(private readonly storage: Storage) {}

  async get(callKey: string): Promise<CallRecord | undefined> {
    if (!/^[0-9a-f-]{36}$/.test(callKey)) return undefined;
    const items = await this.storage.read([keyOf(callKey)]);
    const stored = items[keyOf(callKey)] as (CallRecord & { eTag?: string }) | undefined;
    if (!stored) return undefined;
    const { eTag: _eTag, ...record } = stored;
    return record;
  }

  async save(record: CallRecord): Promise<void> {
    await this.storage.write({ [keyOf(record.callKey)]: { ...record, eTag: '*' } });
  }
}
