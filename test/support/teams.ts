import { randomUUID } from 'node:crypto';
import type { ReceivedActivity } from '../../tools/lib/localConnector';
import { postActivity } from '../../tools/lib/botClient';
import type { RunningStepwise } from './stepwiseServer';

/** The bot as Teams addresses it: "28:" and the app id. */
export const teamsBot = { id: '28:0b5f8b0a-4a4e-4f4e-9f35-3c1e2f6a7d10', name: 'Stepwise' };
const tenant = { id: '72f988bf-86f1-41af-91ab-2d7cd011db47' };

export interface TeamsPerson {
  id: string;
  name: string;
}

export function teamsPerson(name: string): TeamsPerson {
  return { id: `29:${randomUUID()}`, name };
}

/** Where a Teams conversation happens: a channel thread (shared) or a personal chat with the bot. */
export interface TeamsPlace {
  conversation: Record<string, unknown>;
  channelData: Record<string, unknown>;
}

export function channelThread(): TeamsPlace {
  const channel = `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`;
  const team = `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`;
  return {
    conversation: { isGroup: true, conversationType: 'channel', tenantId: tenant.id, id: `${channel};messageid=${Date.now()}` },
    channelData: { teamsChannelId: channel, teamsTeamId: team, channel: { id: channel }, team: { id: team }, tenant },
  };
}

export function personalChat(): TeamsPlace {
  return {
    conversation: { conversationType: 'personal', tenantId: tenant.id, id: `a:${randomUUID().replace(/-/g, '')}` },
    channelData: { tenant },
  };
}

const clientInfo = { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: 'America/Chicago' };

/** One person in a Teams conversation, posting real Teams activity shapes to the bot. */
export class TeamsMember {
  constructor(
    private readonly stepwise: RunningStepwise,
    readonly person: TeamsPerson,
    readonly place: TeamsPlace,
  ) {}

  get conversationId(): string {
    return this.place.conversation.id as string;
  }

  private async post(activity: Record<string, unknown>): Promise<{ status: number; replies: ReceivedActivity[] }> {
    const response = await postActivity(
      {
        botUrl: this.stepwise.botUrl,
        serviceUrl: this.stepwise.connector.serviceUrl,
        channelId: 'msteams',
        conversationId: this.conversationId,
        userId: this.person.id,
      },
      {
        id: String(Date.now()) + Math.floor(Math.random() * 1000),
        from: { id: this.person.id, name: this.person.name, aadObjectId: randomUUID() },
        recipient: teamsBot,
        conversation: this.place.conversation,
        channelData: this.place.channelData,
        locale: 'en-US',
        ...activity,
      },
    );
    await response.text();
    return { status: response.status, replies: this.stepwise.connector.take(this.conversationId) };
  }

  /** A message that @mentions the bot, as Teams sends it from a channel or group chat. */
  mention(text: string) {
    const mention = `<at>${teamsBot.name}</at>`;
    return this.post({
      type: 'message',
      textFormat: 'plain',
      text: `\r\n${mention} ${text}\r\n`,
      entities: [{ type: 'mention', mentioned: teamsBot, text: mention }, clientInfo],
    });
  }

  /** A message in a personal chat: no mention needed. */
  say(text: string) {
    return this.post({ type: 'message', textFormat: 'plain', text, entities: [clientInfo] });
  }

  /** A press on an Adaptive Card Action.Submit button: no text, the button's data as value. */
  press(data: unknown, replyToId = 'card-message') {
    return this.post({ type: 'message', value: data, replyToId, entities: [clientInfo], channelData: { ...this.place.channelData, source: { name: 'message' } } });
  }

  membersAdded(members: { id: string; name?: string }[]) {
    return this.post({ type: 'conversationUpdate', membersAdded: members, channelData: { ...this.place.channelData, eventType: 'teamMemberAdded' } });
  }
}

/** The Action.Submit buttons of the Adaptive Card on a reply: [title, data]. */
export function cardButtons(activity: ReceivedActivity): [string, unknown][] {
  const card = activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  const actions = ((card?.content as { actions?: { type: string; title: string; data: unknown }[] })?.actions ?? []).filter((a) => a.type === 'Action.Submit');
  return actions.map((a) => [a.title, a.data]);
}
