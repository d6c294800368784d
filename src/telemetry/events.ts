import diagnosticsChannel from 'node:diagnostics_channel';

/**
 * What the conversation code reports for telemetry, without depending on it: Node's diagnostics
 * channels cost nothing while nobody subscribes.
 */
export const handoffOpened = diagnosticsChannel.channel('stepwise:handoff.opened');

export interface HandoffOpenedEvent {
  reason: string;
}
