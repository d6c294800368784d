import type { Activity, TurnContext } from 'botbuilder';
import type { HandoffGateway } from '../dialogs/services';
import { BusinessHours } from './businessHours';
import { AfterHoursCallbacks } from './callbacks';
import { CaseStore } from './cases';
import { CaseClosing } from './closing';
import { realSleep, systemClock } from './clock';
import type { DeskFactory } from './deskPort';
import { HandoffCoordinator } from './gateway';
import { HandoffInterceptor } from './interceptor';
import type { HandoffKit } from './kit';
import { transcriptOf } from './packet';
import { Proactive, ProactiveAdapter } from './proactive';
import { ProtocolHandoff } from './protocolHandoff';
import { ConversationResumer, RestartableConversation } from './resume';
import { dropLegacySilenceIndex } from './legacySilenceIndex';
import { SilenceWatch, silenceTimerKind } from './silence';
import { HandoffStatusHandler } from './statusEvents';
import { WebhookClient } from './webhook';
import { TimerDispatch } from '../timers/timerDispatch';

export type HandoffOptions = Omit<HandoffKit, 'clock' | 'sleep' | 'fetch'> &
  Partial<Pick<HandoffKit, 'clock' | 'sleep' | 'fetch'>> & {
    /** Builds the technicians' desk when the settings name it (src/desk: above the handoff, so plugged in here). */
    desk: DeskFactory;
  };

export type { DeskFactory } from './deskPort';
export type { Clock, Sleep } from './clock';
export { defaultHandoffSettings, type HandoffSettings } from './settings';

/** The handoff as the rest of the bot sees it. */
export interface HandoffSystem {
  /** What the dialogs call to bring in a technician. */
  gateway: HandoffGateway;
  /** The bot's gate: desk turns, relay, handoff.status, and bookkeeping after each turn. */
  interceptor: HandoffInterceptor;
  cases: CaseStore;
  /** The conversation the customer is handed back to. */
  useConversation(conversation: RestartableConversation): void;
  /** Proactive messages need the adapter (composition root); the bot app id is empty in local mode. */
  attach(adapter: ProactiveAdapter, appId: string): void;
  /** Handles the timers that are due (silence check-ins and offers) from the shared queue; resolves with how many messages were sent. */
  tick(): Promise<number>;
  /**
   * "Forget me": for each of the customer's state keys (one per conversation they have state in), drops the
   * pending timers (where the queue can find them by customer), the handoff cases (open or closed, with their summaries) and the open-case pointer; a desk
   * technician with one of their cases is told, and its card keeps no details.
   */
  forgetCustomer(customerKeys: string[]): Promise<void>;
  /** True for the technicians' desk conversation (no customer's). */
  isDeskConversation(activity: Partial<Activity>): boolean;
}

/** Channels whose customers' own clients can post any activity, a handoff.status event included. */
const customerClientChannels = new Set(['webchat', 'directline', 'directlinespeech', 'emulator']);

/** Composes the handoff from settings: destinations, desk, webhook, business hours, silence. */
export function createHandoff(options: HandoffOptions): HandoffSystem {
  const { desk: buildDesk, ...shared } = options;
  const kit: HandoffKit = { ...shared, clock: options.clock ?? systemClock, sleep: options.sleep ?? realSleep, fetch: options.fetch ?? fetch };
  const { settings } = kit;
  const cases = new CaseStore(kit.storage, () => kit.clock.now());
  const proactive = new Proactive();
  const resumer = new ConversationResumer(kit);
  const desk = settings.desk && settings.destinations.includes('desk') ? buildDesk({ kit, settings: settings.desk, cases, proactive, resumer }) : undefined;
  const protocol = settings.destinations.includes('protocol')
    ? new ProtocolHandoff(kit.content, (context: TurnContext) => transcriptOf(kit, context), kit.logger, kit.redactor)
    : undefined;
  const webhook =
    settings.webhook && settings.destinations.includes('webhook')
      ? new WebhookClient(settings.webhook, { fetch: kit.fetch, sleep: kit.sleep, logger: kit.logger })
      : undefined;
  const silence = new SilenceWatch(kit, cases, proactive);
  const timers = new TimerDispatch(kit.timers, kit.logger);
  timers.register(silenceTimerKind, silence);
  const dropLegacy = dropLegacySilenceIndex(kit.storage, kit.logger);
  const hours = new BusinessHours(settings.businessHours);
  const callbacks = new AfterHoursCallbacks(kit, { cases, hours, desk, webhook });
  const gateway = new HandoffCoordinator(kit, { cases, hours, callbacks, protocol, desk, webhook });
  const status = new HandoffStatusHandler(kit, cases, resumer, desk);
  const openToCustomers = settings.statusFrom?.appIds.length ? [] : settings.statusFrom?.channels.filter((c) => customerClientChannels.has(c)) ?? [];
  if (openToCustomers.length) {
    kit.logger.warn('handoff.status accepted from channels where customers can post events themselves; set HANDOFF_STATUS_APP_IDS', {
      channels: openToCustomers.join(','),
    });
  }
  const closing = new CaseClosing(kit, { cases, desk, webhook });
  const interceptor = new HandoffInterceptor(kit, { cases, resumer, silence, status, closing, callbacks, desk });
  return {
    gateway,
    interceptor,
    cases,
    useConversation: (conversation) => resumer.useConversation(conversation),
    isDeskConversation: (activity) => desk?.isDeskConversation(activity) ?? false,
    attach: (adapter, appId) => proactive.attach(adapter, appId),
    tick: async () => {
      await dropLegacy();
      return timers.tick();
    },
    forgetCustomer: async (customerKeys) => {
      let hadOpenCase = false;
      for (const key of customerKeys) {
        await kit.timers.forgetCustomer(key);
        const open = await cases.openFor(key);
        if (open) await desk?.customerForgotten(open);
        hadOpenCase ||= open !== undefined;
      }
      await cases.removeFor(...customerKeys);
      // Cards of customers still waiting show their new places in the queue.
      if (hadOpenCase) await desk?.refresh();
    },
  };
}
