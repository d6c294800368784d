import type { HandoffSettings } from '../handoff/settings';
import { phoneChannelId } from '../channels/profiles';

/**
 * The bridge reports a transfer's outcome as the contact centre would (handoff.status on the phone
 * channel). Nobody outside the process can post on that channel (/api/messages refuses it), so it is
 * trusted; its turns run as the bot itself, so with HANDOFF_STATUS_APP_IDS the bot's own id is added.
 */
export function trustPhoneBridge(handoff: HandoffSettings, botAppId: string | undefined): HandoffSettings {
  const current = handoff.statusFrom ?? { channels: [], appIds: [] };
  const appIds = current.appIds.length && botAppId ? [...current.appIds, botAppId.toLowerCase()] : current.appIds;
  return { ...handoff, statusFrom: { channels: [...current.channels, phoneChannelId], appIds } };
}
