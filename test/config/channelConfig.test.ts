import { toE164 } from '../../src/config/channels';
import { ConfigError, loadConfig } from '../../src/config/config';

describe('channel settings', () => {
  test('defaults: telephony and Direct Line Speech are voice, Jenny speaks, calls go to the support line', () => {
    expect(loadConfig({}).channels).toEqual({
      voiceChannels: ['telephony', 'directlinespeech'],
      voiceName: 'en-US-JennyNeural',
      voiceNameEs: 'es-US-PalomaNeural',
      transferPhone: '+18002324335',
    });
  });

  test('the voice channel list, the voice and the transfer number are configurable', () => {
    const config = loadConfig({
      VOICE_CHANNELS: ' Telephony, phonebridge ,',
      VOICE_NAME: 'en-GB-SoniaNeural',
      VOICE_NAME_ES: 'es-MX-DaliaNeural',
      TRANSFER_PHONE: '+44 20 7946 0000',
    });
    expect(config.channels).toEqual({
      voiceChannels: ['telephony', 'phonebridge'],
      voiceName: 'en-GB-SoniaNeural',
      voiceNameEs: 'es-MX-DaliaNeural',
      transferPhone: '+442079460000',
    });
  });

  test('the Spanish voice must be a Spanish one, and the default language one Stepwise speaks', () => {
    expect(() => loadConfig({ VOICE_NAME_ES: 'en-US-JennyNeural' })).toThrow(ConfigError);
    expect(() => loadConfig({ DEFAULT_LANGUAGE: 'fr' })).toThrow(ConfigError);
    expect(loadConfig({ DEFAULT_LANGUAGE: 'es' }).defaultLanguage).toBe('es');
    expect(loadConfig({}).defaultLanguage).toBe('en');
  });

  test.each([
    ['1-800-232-4335', '+18002324335'],
    ['(214) 555-0100', '+12145550100'],
    ['+1 (555) 010-0000', '+15550100000'],
    ['0800 123 456', undefined],
    ['+0 123', undefined],
  ])('%s in international form is %s', (phone, expected) => {
    expect(toE164(phone)).toBe(expected);
  });

  test.each([
    [{ VOICE_CHANNELS: 'tele phony' }, 'Configuration error: VOICE_CHANNELS must be a comma-separated list of channel ids such as telephony,directlinespeech (got "tele phony")'],
    [{ VOICE_NAME: 'Jenny' }, 'Configuration error: VOICE_NAME must be an Azure text-to-speech voice name such as en-US-JennyNeural (got "Jenny")'],
    [{ TRANSFER_PHONE: '555' }, 'Configuration error: TRANSFER_PHONE must be a phone number in international form such as +18002324335 (got "555")'],
    [
      { SUPPORT_PHONE: '0800 123 456' },
      'Configuration error: TRANSFER_PHONE must be set to an international number such as +18002324335, because SUPPORT_PHONE "0800 123 456" cannot be dialled as one',
    ],
  ])('%j is refused with one clear line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  test('a support line that cannot be dialled is fine once TRANSFER_PHONE is set', () => {
    expect(loadConfig({ SUPPORT_PHONE: '0800 123 456', TRANSFER_PHONE: '+44800123456' }).channels.transferPhone).toBe('+44800123456');
  });
});
