import { z } from 'zod';
import type { ConversationGrant, ConversationIssuer } from './conversationGrant';
import { ChatUnavailableError } from './conversationGrant';

/**
 * Azure mode: Direct Line's tokens/generate, called with the secret (server side only), for a token bound
 * to the given user id. The secret never leaves this module: not in responses, not in logs, not in errors.
 */
export const AZURE_TOKEN_API_URL = 'https://directline.botframework.com/v3/directline/tokens/generate';

export interface AzureIssuerOptions {
  directLineSecret: string;
  tokenApiUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const upstreamSchema = z.object({
  conversationId: z.string().min(1),
  token: z.string().min(1),
  expires_in: z.number().int().nonnegative(),
});

export function azureConversationIssuer(options: AzureIssuerOptions): ConversationIssuer {
  const secret = options.directLineSecret?.trim();
  if (!secret) throw new Error('azureConversationIssuer: directLineSecret is required');
  const tokenApiUrl = options.tokenApiUrl ?? AZURE_TOKEN_API_URL;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;

  return async (userId: string): Promise<ConversationGrant> => {
    let response: Response;
    try {
      response = await doFetch(tokenApiUrl, {
        method: 'POST',
        headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: { id: userId } }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new ChatUnavailableError('unreachable', { error: error instanceof Error ? error.name : 'unknown' });
    }
    if (!response.ok) {
      await response.arrayBuffer().catch(() => undefined);
      throw new ChatUnavailableError('status', { status: response.status });
    }
    const parsed = upstreamSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new ChatUnavailableError('bad_body');
    return parsed.data;
  };
}
