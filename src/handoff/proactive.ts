import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';

export type ProactiveAdapter = Pick<CloudAdapter, 'continueConversationAsync'>;

/**
 * Starts turns the customer or technician did not start: relayed messages, silence check-ins,
 * desk cards. Uses stored ConversationReferences and the adapter the hosting layer attaches
 * (in local mode the bot app id is empty).
 */
export class Proactive {
  private adapter?: ProactiveAdapter;
  private appId = '';

  attach(adapter: ProactiveAdapter, appId: string): void {
    this.adapter = adapter;
    this.appId = appId;
  }

  get botId(): string {
    return this.appId;
  }

  /**
   * Runs `logic` in a turn on the stored conversation. A failure (the chat is gone, the channel refuses)
   * reaches the caller, who decides what it means, rather than the adapter's onTurnError: that one is for
   * the customer's own turns, and would try to tell a customer who cannot be reached that their turn failed.
   */
  async run(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    if (!this.adapter) throw new Error('Proactive messages need an adapter: call attach() from the composition root');
    let failure: { error: unknown } | undefined;
    await this.adapter.continueConversationAsync(this.appId, reference as ConversationReference, async (context) => {
      try {
        await logic(context);
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw failure.error;
  }
}
