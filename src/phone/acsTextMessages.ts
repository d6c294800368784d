import { SmsClient } from '@azure/communication-sms';
import type { TextMessageSender } from '../channels/textMessages';
import type { AcsClientArguments } from './acsAccess';

/**
 * Text messages through Azure Communication Services SMS, from the resource's number (or short code)
 * ACS_SMS_FROM. Resolves once ACS accepted the message for delivery; rejects with ACS's reason otherwise.
 */
export function acsTextMessages(access: AcsClientArguments, from: string): TextMessageSender {
  const client =
    access.kind === 'key' ? new SmsClient(access.connectionString, access.options) : new SmsClient(access.endpoint, access.credential, access.options);
  return {
    async send(to, text) {
      const [result] = await client.send({ from, to: [to], message: text });
      if (!result?.successful) throw new Error(`SMS not accepted: HTTP ${result?.httpStatusCode ?? '?'} ${result?.errorMessage ?? ''}`.trim());
    },
  };
}
