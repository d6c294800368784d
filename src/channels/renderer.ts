import type { Activity } from 'botbuilder';
import type { Messages } from '../content/schema';
import type { ReplyAudience } from './audience';
import { renderPlain } from './plainReply';
import { ChannelProfile, channelProfile } from './profiles';
import type { Reply } from './reply';
import { renderRich } from './richReply';
import { ClientSignal, renderSignal } from './signals';
import { renderTeamsHandoff } from './teamsHandoffCard';
import { renderTeams } from './teamsReply';
import { renderVoice } from './voiceReply';

export interface RendererSettings {
  voiceChannels: string[];
  voiceName: string;
  /** E.164 number a voice handoff transfers the call to; without it the event carries no transfer target. */
  transferPhone?: string;
}

export const defaultRendererSettings: RendererSettings = { voiceChannels: ['telephony', 'directlinespeech'], voiceName: 'en-US-JennyNeural' };

/** How the handoff.initiate event reaches a channel. */
export interface HandoffDelivery {
  activities: Partial<Activity>[];
  /** Send after everything else in the turn: a phone transfer ends the bot's part of the call. */
  last: boolean;
}

/** The one place that decides how a reply (or a handoff) looks or sounds on each channel. */
export class ReplyRenderer {
  constructor(
    private readonly messages: Pick<Messages, 'choiceSpoken' | 'handoffCard'>,
    private readonly settings: RendererSettings = defaultRendererSettings,
  ) {}

  profile(channelId: string | undefined): ChannelProfile {
    return channelProfile(channelId, this.settings);
  }

  /** True where choices are shown or read with numbers, so a number (or keypad digit) picks one. */
  numbersChoices(channelId: string | undefined): boolean {
    const profile = this.profile(channelId);
    return profile === 'voice' || profile === 'plain';
  }

  render(reply: Reply, audience: ReplyAudience): Partial<Activity> {
    switch (this.profile(audience.channelId)) {
      case 'voice':
        return renderVoice(reply, { voiceName: this.settings.voiceName, choiceSpoken: this.messages.choiceSpoken });
      case 'teams':
        return renderTeams(reply, audience);
      case 'plain':
        return renderPlain(reply);
      default:
        return renderRich(reply);
    }
  }

  /** The signal as an activity for this channel's client, or undefined where it has no use for it. */
  renderSignal(signal: ClientSignal, audience: ReplyAudience): Partial<Activity> | undefined {
    return renderSignal(signal, audience.channelId);
  }

  /** The handoff.initiate event as this channel can take it. */
  renderHandoff(event: Partial<Activity>, audience: ReplyAudience): HandoffDelivery {
    const { type, name, value, attachments, ...reference } = event;
    switch (this.profile(audience.channelId)) {
      case 'teams':
        return { activities: [{ ...reference, ...renderTeamsHandoff(event, audience, this.messages.handoffCard) }], last: false };
      case 'voice': {
        // The telephony channel transfers the call to value.TargetPhoneNumber; the summary rides along.
        const target = this.settings.transferPhone ? { TargetPhoneNumber: this.settings.transferPhone } : {};
        return { activities: [{ ...reference, type, name, attachments, value: { ...target, ...(value as object) } }], last: true };
      }
      default:
        return { activities: [event], last: false };
    }
  }
}
