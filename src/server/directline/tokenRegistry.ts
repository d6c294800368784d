import { randomBytes } from 'node:crypto';

/**
 * Opaque bearer tokens for the local Direct Line, each bound to one conversation and expiring.
 * Random strings, not JWTs: the only way to check one is to look it up here.
 */
export interface IssuedToken {
  token: string;
  conversationId: string;
  expiresAt: number;
}

export interface TokenRegistryOptions {
  ttlSeconds: number;
  now: () => number;
  /** Older tokens of a conversation are revoked beyond this many (refresh loops cannot grow memory). */
  maxTokensPerConversation?: number;
}

export class TokenRegistry {
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly byConversation = new Map<string, string[]>();

  constructor(private readonly options: TokenRegistryOptions) {}

  issue(conversationId: string): IssuedToken {
    const issued: IssuedToken = {
      token: randomBytes(32).toString('base64url'),
      conversationId,
      expiresAt: this.options.now() + this.options.ttlSeconds * 1000,
    };
    this.tokens.set(issued.token, issued);
    const list = this.byConversation.get(conversationId) ?? [];
    list.push(issued.token);
    const max = this.options.maxTokensPerConversation ?? 4;
    while (list.length > max) this.tokens.delete(list.shift() as string);
    this.byConversation.set(conversationId, list);
    return issued;
  }

  /** The token's record if it exists and has not expired. */
  verify(token: string | undefined): IssuedToken | undefined {
    if (!token) return undefined;
    const issued = this.tokens.get(token);
    if (!issued) return undefined;
    if (issued.expiresAt <= this.options.now()) {
      this.tokens.delete(token);
      return undefined;
    }
    return issued;
  }

  secondsLeft(issued: IssuedToken): number {
    return Math.max(0, Math.floor((issued.expiresAt - this.options.now()) / 1000));
  }

  revokeConversation(conversationId: string): void {
    for (const token of this.byConversation.get(conversationId) ?? []) this.tokens.delete(token);
    this.byConversation.delete(conversationId);
  }

  /** Forgets expired tokens. */
  sweep(): void {
    const now = this.options.now();
    for (const [token, issued] of this.tokens) {
      if (issued.expiresAt > now) continue;
      this.tokens.delete(token);
      const list = this.byConversation.get(issued.conversationId);
      if (!list) continue;
      const rest = list.filter((t) => t !== token);
      if (rest.length) this.byConversation.set(issued.conversationId, rest);
      else this.byConversation.delete(issued.conversationId);
    }
  }
}
