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

  async run(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    if (!this.adapter) throw new Error('Proactive messages need an adapter: call attach() from the composition root');
    await this.adapter.continueConversationAsync(this.appId, reference as ConversationReference, logic);
  }
}
