import { Clock, RateLimiter } from './rateLimiter';

export interface RateLimitSettings {
  windowSeconds: number;
  /** Activities per window for one conversation (0 = off). */
  perConversation: number;
  /** Activities per window from one client address (0 = off). */
  perAddress: number;
}

export type LimitVerdict =
  | { allowed: true }
  | {
      allowed: false;
      limit: 'conversation' | 'address';
      retryAfterSeconds: number;
      /**
       * Tell the customer, politely: the first refusal in a window for this conversation (conversation
       * limit) or for this address (address limit, so a caller inventing conversations gets one reply
       * per window, not one per request).
       */
      tellCustomer: boolean;
    };

const maxRemembered = 10_000;

/**
 * The two limits /api/messages applies. The conversation's own limit is checked first and a refused
 * request does not count against its address, so one conversation's burst cannot use up the
 * allowance of the others that share an address (every Web Chat customer arrives from Bot Service's
 * addresses; every local customer from 127.0.0.1). The address limit catches a caller who invents a
 * new conversation for every request.
 */
export class RequestRateLimits {
  private readonly conversations: RateLimiter;
  private readonly addresses: RateLimiter;
  private readonly toldUntil = new Map<string, number>();
  private readonly clock: Clock;
  private readonly windowMs: number;

  constructor(settings: RateLimitSettings, clock: Clock = Date.now) {
    const windowMs = settings.windowSeconds * 1000;
    this.clock = clock;
    this.windowMs = windowMs;
    this.conversations = new RateLimiter({ limit: settings.perConversation, windowMs, clock, maxKeys: maxRemembered });
    this.addresses = new RateLimiter({ limit: settings.perAddress, windowMs, clock, maxKeys: maxRemembered });
  }

  check(conversationKey: string, address: string): LimitVerdict {
    const conversation = this.conversations.take(conversationKey);
    if (!conversation.allowed) return this.refuse(`conversation:${conversationKey}`, 'conversation', conversation.retryAfterSeconds);
    const fromAddress = this.addresses.take(address);
    if (!fromAddress.allowed) {
      this.conversations.refund(conversationKey);
      return this.refuse(`address:${address}`, 'address', fromAddress.retryAfterSeconds);
    }
    return { allowed: true };
  }

  private refuse(toldKey: string, limit: 'conversation' | 'address', retryAfterSeconds: number): LimitVerdict {
    const now = this.clock();
    const until = this.toldUntil.get(toldKey);
    const tellCustomer = until === undefined || now >= until;
    if (tellCustomer) {
      this.toldUntil.delete(toldKey);
      this.toldUntil.set(toldKey, now + this.windowMs);
      while (this.toldUntil.size > maxRemembered) this.toldUntil.delete(this.toldUntil.keys().next().value as string);
    }
    return { allowed: false, limit, retryAfterSeconds, tellCustomer };
  }
}
