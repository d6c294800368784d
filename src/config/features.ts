import type { AppConfig } from './config';

/** What else is running beside the conversation, for the start-up line (item names an operator greps for). */
export interface RuntimeFeatures {
  chatWidget: 'local' | 'azure' | 'off';
  /** Where turn traces go (src/telemetry/tracing.ts). */
  traces: string;
}

/** Who may read GET /metrics and /support (src/server/support/supportAccess.ts). */
function adminAccess(config: AppConfig): string {
  if (config.support.adminToken) return 'token';
  return config.localMode ? 'loopback' : 'off';
}

/**
 * The start-up line's list of what this instance does, e.g.
 * `storage=sqlite handoff=protocol,desk webchat=local voice=telephony,directlinespeech business-hours=off returning-customers=7d metrics=loopback traces=off`.
 */
export function describeFeatures(config: AppConfig, runtime: RuntimeFeatures): string {
  const features: [string, string][] = [
    ['storage', config.storage.kind],
    ['handoff', config.handoff.destinations.join(',')],
    ['webchat', runtime.chatWidget],
    ['voice', config.channels.voiceChannels.join(',') || 'off'],
    ['business-hours', config.handoff.businessHours ? config.handoff.businessHours.timeZone : 'off'],
    ['returning-customers', config.retention.returningCustomerDays ? `${config.retention.returningCustomerDays}d` : 'off'],
    ['metrics', adminAccess(config)],
    ['traces', runtime.traces],
  ];
  return features.map(([name, value]) => `${name}=${value}`).join(' ');
}
