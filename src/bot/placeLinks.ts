import { createHash, randomBytes } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { CustomerState } from '../customer/customerState';
import type { DurableStorage } from '../storage/guardedWrite';
import { storageCall } from '../storage/storageErrors';
import type { ReturningCustomers } from './returningCustomers';

/** How long a link sent to a customer opens their place. */
export const placeLinkLifetimeMs = 24 * 60 * 60 * 1000;

interface LinkRecord {
  /** The state key of the conversation whose place the link opens. */
  conversation: string;
  expiresAt: string;
}

const tokenPattern = /^[A-Za-z0-9_-]{22,64}$/;

/**
 * Links that open a customer's place in another channel: a caller is texted a link to the website chat, which
 * offers the step they are on in the call. The link carries a random token; the store keeps only its hash,
 * with the conversation it stands for, for 24 hours. Opening it (the chat page's token request) makes that
 * conversation's place the chat user's returning place; the step is read when the chat starts, so it is the
 * one the caller has reached by then.
 */
export class PlaceLinks {
  constructor(
    private readonly storage: DurableStorage,
    private readonly returning: ReturningCustomers,
    private readonly now: () => Date,
  ) {}

  private static key(token: string): string {
    return `stepwise/place-links/${createHash('sha256').update(token).digest('hex')}`;
  }

  /** A new token for this turn's conversation. */
  async create(context: TurnContext): Promise<string> {
    const token = randomBytes(18).toString('base64url');
    const record: LinkRecord = {
      conversation: CustomerState.storageKey(context),
      expiresAt: new Date(this.now().getTime() + placeLinkLifetimeMs).toISOString(),
    };
    await storageCall('write', () => this.storage.writeGuarded([{ key: PlaceLinks.key(token), item: { ...record }, condition: { kind: 'absent' } }]));
    return token;
  }

  /** Opens the link for a user of another channel; false when the token is unknown, expired or has no place to offer. */
  async open(token: string, channelId: string, userId: string): Promise<boolean> {
    if (!tokenPattern.test(token)) return false;
    const key = PlaceLinks.key(token);
    const record = (await storageCall('read', () => this.storage.read([key])))[key] as LinkRecord | undefined;
    if (!record || !(Date.parse(record.expiresAt) > this.now().getTime())) return false;
    return this.returning.carry(record.conversation, channelId, userId);
  }
}
