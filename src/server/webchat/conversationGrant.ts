/** A Direct Line conversation opened for one user id: what the page needs to connect. */
export interface ConversationGrant {
  token: string;
  conversationId: string;
  expires_in: number;
}

/** Opens a conversation for a user id: Azure's tokens/generate, or the built-in Direct Line in local mode. */
export type ConversationIssuer = (userId: string) => Promise<ConversationGrant>;

/** The issuer could not open a conversation; `fields` are safe to log (never the secret). */
export class ChatUnavailableError extends Error {
  constructor(
    readonly why: string,
    readonly fields: Record<string, unknown> = {},
  ) {
    super(`chat unavailable: ${why}`);
    this.name = 'ChatUnavailableError';
  }
}
