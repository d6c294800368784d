import type { Activity, TurnContext } from 'botbuilder';
import type { CaseStore, HandoffCase } from './cases';
import type { HandoffKit } from './kit';
import type { Proactive } from './proactive';
import type { ConversationResumer } from './resume';
import type { DeskSettings } from './settings';

/** What the handoff asks of the technicians' desk (src/desk implements it; the composition root plugs it in). */
export interface TechnicianDeskPort {
  isDeskConversation(activity: Partial<Activity>): boolean;
  /** A technician's message at the desk. */
  handleTurn(context: TurnContext): Promise<void>;
  /** Posts a new case's card; resolves with the card's id. */
  post(item: HandoffCase, position: number | undefined): Promise<string | undefined>;
  /** Brings the cards of these cases (or of every open one) up to date. */
  refresh(...items: HandoffCase[]): Promise<void>;
  relayFromCustomer(context: TurnContext, item: HandoffCase): Promise<void>;
  customerEndedChat(item: HandoffCase): Promise<void>;
  customerForgotten(item: HandoffCase): Promise<void>;
}

/** What a desk is built from: the handoff's shared parts. */
export interface DeskParts {
  kit: HandoffKit;
  settings: DeskSettings;
  cases: CaseStore;
  proactive: Proactive;
  resumer: ConversationResumer;
}

export type DeskFactory = (parts: DeskParts) => TechnicianDeskPort;
