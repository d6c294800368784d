import { Clock, RateLimiter } from './rateLimiter';

export interface RateLimitSettings {
  windowSeconds: number;
  /** Activities per window for one conversation (0 = off). */
  perConversation: number;
  /**
   * Requests per window from one client address (0 = off): every activity in local mode; with an app id,
   * only requests that fail authentication (authenticated Bot Service traffic all comes from a few
   * addresses, so it is limited per conversation only).
   */
  perAddress: number;
  /** Direct Line tokens (POST /api/directline/token) per window from one client address (0 = off). */
  tokensPerAddress?: number;
}

/** The one start-up line saying which limits apply, e.g. `per conversation 30 per 60 s (every activity); ...`. */
export function describeRateLimits(settings: RateLimitSettings, mode: { localMode: boolean; tokenRoute: boolean }): string {
  const per = (limit: number, scope?: string) =>
    limit > 0 ? `${limit} per ${settings.windowSeconds} s${scope ? ` (${scope})` : ''}` : 'off';
  const parts = [
    `per conversation ${per(settings.perConversation, 'every activity')}`,
    `per address ${per(settings.perAddress, mode.localMode ? 'every activity: local mode' : 'only requests that fail authentication')}`,
  ];
  if (mode.tokenRoute) parts.push(`Direct Line tokens per address ${per(settings.tokensPerAddress ?? 0)}`);
  return parts.join('; ');
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
 * The two limits /api/messages applies. The conversation's own limit applies to every activity. The
 * address limit applies to requests nobody vouched for: every activity in local mode, and with an app
 * id the requests that fail authentication (see `failedAuthentication`); never to authenticated Bot
 * Service traffic, which all arrives from a few Bot Service addresses whatever the customer. The
 * conversation's limit is checked first and a refused request does not count against its address, so
 * one conversation's burst cannot use up the allowance of the others that share an address (every local
 * customer arrives from 127.0.0.1). The address limit catches a caller who invents a new conversation
 * for every request, or who keeps sending requests that fail authentication.
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

  /** An activity about to run: `authenticated` when Bot Framework authentication vouched for it. */
  check(conversationKey: string, address: string, options: { authenticated?: boolean } = {}): LimitVerdict {
    const conversation = this.conversations.take(conversationKey);
    if (!conversation.allowed) return this.refuse(`conversation:${conversationKey}`, 'conversation', conversation.retryAfterSeconds);
    if (options.authenticated) return { allowed: true };
    const fromAddress = this.addresses.take(address);
    if (!fromAddress.allowed) {
      this.conversations.refund(conversationKey);
      return this.refuse(`address:${address}`, 'address', fromAddress.retryAfterSeconds);
    }
    return { allowed: true };
  }

  /**
   * A request that failed authentication (401): it takes from its address's allowance; once that is
   * used up the answer is 429 instead. `tellCustomer` is then only "first refusal in this window" (for
   * the log): nobody is told anything at an unauthenticated serviceUrl.
   */
  failedAuthentication(address: string): LimitVerdict {
    const fromAddress = this.addresses.take(address);
    if (fromAddress.allowed) return { allowed: true };
    return this.refuse(`unauthenticated:${address}`, 'address', fromAddress.retryAfterSeconds);
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
