import { CommunicationIdentifier, createIdentifierFromRawId } from '@azure/communication-common';
import type { CustomCallingContext } from '@azure/communication-call-automation';
import type { PendingTransfer } from './callRecords';

/** PHONE_TRANSFER_TARGET as ACS takes it: a phone number, or an ACS / Teams identity by its raw id. */
export function transferTargetOf(target: string): CommunicationIdentifier {
  return target.startsWith('+') ? { phoneNumber: target } : createIdentifierFromRawId(target);
}

/** SIP header values are one line of printable ASCII; the summary is cut to a size every SBC accepts. */
function headerValue(value: string, max = 200): string {
  const ascii = value.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/\s+/g, ' ').trim();
  return ascii.length > max ? `${ascii.slice(0, max - 3)}...` : ascii;
}

/**
 * What the technician's phone system gets with the call: SIP headers X-MS-Custom-Stepwise-Reference,
 * -Where and -Summary (ACS prefixes custom SIP headers with X-MS-Custom-).
 */
export function transferContext(transfer: PendingTransfer): CustomCallingContext {
  const headers: [string, string | undefined][] = [
    ['Stepwise-Reference', transfer.reference],
    ['Stepwise-Where', transfer.where],
    ['Stepwise-Summary', transfer.headline],
  ];
  return headers
    .filter((header): header is [string, string] => Boolean(header[1]))
    .map(([key, value]) => ({ kind: 'sipx' as const, key, value: headerValue(value) }));
}
