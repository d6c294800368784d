import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { channelLabel, type StepwiseMetrics } from './metrics';

/** Adapter middleware: each turn's count, duration and outcome, and the messages it sent. */
export function turnMetrics(metrics: StepwiseMetrics): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const channel = channelLabel(context.activity.channelId);
      context.onSendActivities(async (_context, activities, send) => {
        const responses = await send();
        const messages = activities.filter((activity) => activity.type === ActivityTypes.Message).length;
        if (messages) metrics.replies.inc({ channel }, messages);
        return responses;
      });
      const stop = metrics.turnSeconds.startTimer({ channel });
      try {
        await next();
        metrics.turns.inc({ channel, outcome: 'ok' });
      } catch (error) {
        metrics.turns.inc({ channel, outcome: 'failed' });
        throw error;
      } finally {
        stop();
      }
    },
  };
}
