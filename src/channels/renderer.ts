import type { Activity } from 'botbuilder';
import { baseLanguage, Language, languages, localeOf } from '../content/languages';
import type { Content } from '../content/loader';
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
  /** The voice for English; `voiceNameEs` for Spanish. */
  voiceName: string;
  voiceNameEs?: string;
  /** E.164 number a voice handoff transfers the call to; without it the event carries no transfer target. */
  transferPhone?: string;
}

export const defaultRendererSettings: RendererSettings = {
  voiceChannels: ['telephony', 'directlinespeech'],
  voiceName: 'en-US-JennyNeural',
  voiceNameEs: 'es-US-PalomaNeural',
};

/** What the renderer says itself, per language: the choice prompt, "at"/"dot"; the handoff card's labels are the technicians' (English). */
export type RendererMessages = Record<Language, Pick<Messages, 'choiceSpoken' | 'spokenSymbols' | 'handoffCard'>>;

/** Every language's messages of this content, for the renderer. */
export function rendererMessages(content: Content): RendererMessages {
  const messages = {} as RendererMessages;
  for (const language of languages) messages[language] = content.localized[language].messages;
  return messages;
}

/** How the handoff.initiate event reaches a channel. */
export interface HandoffDelivery {
  activities: Partial<Activity>[];
  /** Send after everything else in the turn: a phone transfer ends the bot's part of the call. */
  last: boolean;
}

/** The one place that decides how a reply (or a handoff) looks or sounds on each channel. */
export class ReplyRenderer {
  constructor(
    private readonly messages: RendererMessages,
    private readonly settings: RendererSettings = defaultRendererSettings,
  ) {}

  /** The voice that speaks this language. */
  voiceName(language: Language): string {
    return language === 'es' ? (this.settings.voiceNameEs ?? defaultRendererSettings.voiceNameEs!) : this.settings.voiceName;
  }

  profile(channelId: string | undefined): ChannelProfile {
    return channelProfile(channelId, this.settings);
  }

  /** True where choices are shown or read with numbers, so a number (or keypad digit) picks one. */
  numbersChoices(channelId: string | undefined): boolean {
    const profile = this.profile(channelId);
    return profile === 'voice' || profile === 'plain';
  }

  /** The reply for this channel, in `language` (the turn's: src/customer/language.ts); the activity carries its locale. */
  render(reply: Reply, audience: ReplyAudience, language: Language = baseLanguage): Partial<Activity> {
    return { ...this.renderFor(reply, audience, language), locale: localeOf[language] };
  }

  private renderFor(reply: Reply, audience: ReplyAudience, language: Language): Partial<Activity> {
    switch (this.profile(audience.channelId)) {
      case 'voice': {
        const { choiceSpoken, spokenSymbols } = this.messages[language];
        return renderVoice(reply, { voiceName: this.voiceName(language), choiceSpoken, symbols: spokenSymbols });
      }
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
        return { activities: [{ ...reference, ...renderTeamsHandoff(event, audience, this.messages[baseLanguage].handoffCard) }], last: false };
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
