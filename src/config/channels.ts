import type { Environment } from './schema';

/** How the bot treats channels: which are heard rather than seen, the voice they speak with, where calls go. */
export interface ChannelSettings {
  /** Channel ids rendered for voice (speak + input hints, choices read with their numbers). */
  voiceChannels: string[];
  /** Azure text-to-speech voice for SSML, e.g. en-US-JennyNeural; its first two parts are the language. */
  voiceName: string;
  /** The voice for customers helped in Spanish (VOICE_NAME_ES), e.g. es-US-PalomaNeural. */
  voiceNameEs: string;
  /** Where a voice handoff transfers the call, in E.164 form (+18002324335). */
  transferPhone: string;
}

const e164 = /^\+[1-9][0-9]{7,14}$/;

/**
 * A phone number as the telephony channel dials it. Written with a leading "+" it is kept as is;
 * otherwise only North American numbers (area code 2-9, optionally after a 1) can be completed.
 */
export function toE164(phone: string): string | undefined {
  const digits = phone.replace(/[^0-9]/g, '');
  const candidate = phone.trim().startsWith('+')
    ? `+${digits}`
    : /^1[2-9][0-9]{9}$/.test(digits)
      ? `+${digits}`
      : /^[2-9][0-9]{9}$/.test(digits)
        ? `+1${digits}`
        : undefined;
  return candidate && e164.test(candidate) ? candidate : undefined;
}

/** Why the channel settings cannot be used, or undefined when they can. */
export function channelSettingsProblem(env: Environment): string | undefined {
  if (env.TRANSFER_PHONE && !toE164(env.TRANSFER_PHONE)) {
    return `TRANSFER_PHONE must be a phone number in international form such as +18002324335 (got ${JSON.stringify(env.TRANSFER_PHONE)})`;
  }
  if (!env.TRANSFER_PHONE && !toE164(env.SUPPORT_PHONE)) {
    return `TRANSFER_PHONE must be set to an international number such as +18002324335, because SUPPORT_PHONE ${JSON.stringify(env.SUPPORT_PHONE)} cannot be dialled as one`;
  }
  return undefined;
}

export function channelSettings(env: Environment): ChannelSettings {
  return {
    voiceChannels: env.VOICE_CHANNELS,
    voiceName: env.VOICE_NAME,
    voiceNameEs: env.VOICE_NAME_ES,
    transferPhone: toE164(env.TRANSFER_PHONE ?? env.SUPPORT_PHONE)!,
  };
}
