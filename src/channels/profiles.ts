/** How a channel can show a reply. Decided here only; dialogs never look at the channel. */
export type ChannelProfile = 'rich' | 'teams' | 'voice' | 'plain';

export interface ChannelProfileSettings {
  /** Channels that are heard, not seen (Bot Framework telephony, Direct Line Speech). */
  voiceChannels: string[];
}

const richChannels = new Set(['webchat', 'directline', 'emulator', 'test']);

/** Calls through Stepwise's own phone bridge (src/phone): always heard, whatever VOICE_CHANNELS says. */
export const phoneChannelId = 'phone';

export const defaultProfileSettings: ChannelProfileSettings = { voiceChannels: ['telephony', 'directlinespeech'] };

export function channelProfile(channelId: string | undefined, settings: ChannelProfileSettings = defaultProfileSettings): ChannelProfile {
  const channel = (channelId ?? '').toLowerCase();
  if (channel === phoneChannelId || settings.voiceChannels.includes(channel)) return 'voice';
  if (channel === 'msteams') return 'teams';
  if (richChannels.has(channel)) return 'rich';
  return 'plain';
}
