import { SmsClient } from '@azure/communication-sms';
import type { TextMessageSender } from '../channels/textMessages';
import type { PhoneSettings } from './settings';

/**
 * Text messages through Azure Communication Services SMS, from the resource's number (or short code)
 * ACS_SMS_FROM. Resolves once ACS accepted the message for delivery; rejects with ACS's reason otherwise.
 */
export function acsTextMessages(settings: Pick<PhoneSettings, 'connectionString' | 'allowInsecureEndpoint'>, from: string): TextMessageSender {
  // http only for a loopback endpoint (the local stand-in), as for Call Automation.
  const client = new SmsClient(settings.connectionString, { allowInsecureConnection: settings.allowInsecureEndpoint });
  return {
    async send(to, text) {
      const [result] = await client.send({ from, to: [to], message: text });
      if (!result?.successful) throw new Error(`SMS not accepted: HTTP ${result?.httpStatusCode ?? '?'} ${result?.errorMessage ?? ''}`.trim());
    },
  };
}
