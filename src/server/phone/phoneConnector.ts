import type { Server } from 'restify';
import type { Logger } from '../../logging/logger';
import { ConnectorSecret } from '../directline/connectorSecret';
import { guarded } from '../http/guarded';
import { refuse } from './mountPhoneBridge';

export const phoneConnectorPath = '/api/calls/connector';

/**
 * The serviceUrl of phone conversations: where the bot's proactive messages to a call (a silence
 * check-in) go. They are taken and not played: on a call the bridge's own silence handling speaks.
 * Only the bot knows the per-process secret in the path. Returns that path.
 */
export function mountPhoneConnector(server: Server, logger: Logger): string {
  const secret = new ConnectorSecret();
  const accept = guarded(logger, 'phone route failed', phoneConnectorPath, async (req, res) => {
    if (!secret.matches(req.params.connectorSecret)) return refuse(req, res, logger, 403, 'missing or wrong connector secret');
    logger.debug('phone proactive message not played', { conversationId: req.params.conversationId });
    res.send(200, { id: `phone-${Date.now()}` });
  });
  const base = `${phoneConnectorPath}/:connectorSecret/v3/conversations/:conversationId/activities`;
  server.post(base, accept);
  server.post(`${base}/:activityId`, accept);
  return `${phoneConnectorPath}/${secret.value}`;
}
