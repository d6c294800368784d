import { context as otelContext } from '@opentelemetry/api';
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { channelLabel, type StepwiseMetrics } from './metrics';
import { inSpan } from './spans';

/**
 * First adapter middleware: the turn's span (`stepwise.turn`), its count, duration and outcome. No
 * message text, ids or names are recorded: only the channel and the activity's type.
 */
export function turnTelemetry(metrics: StepwiseMetrics): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const channel = channelLabel(context.activity.channelId);
      const stop = metrics.turnSeconds.startTimer({ channel });
      try {
        await inSpan('stepwise.turn', { 'stepwise.channel': channel, 'stepwise.activity_type': context.activity.type ?? 'unknown' }, () => next());
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

/**
 * Last adapter middleware, so its send handler comes after the bot's outbox: `stepwise.replies`, with
 * the replies counted, when they are really sent, after the state was committed (a turn re-run on a
 * conflict sends, and counts, once). The dialogs' own span is src/bot/turnCommitter's.
 */
export function repliesTelemetry(metrics: StepwiseMetrics): Middleware {
  return {
    onTurn(context: TurnContext, next: () => Promise<void>) {
      const channel = channelLabel(context.activity.channelId);
      const turnContext = otelContext.active();
      context.onSendActivities((_context, activities, send) =>
        otelContext.with(turnContext, () =>
          inSpan('stepwise.replies', { 'stepwise.activities': activities.length }, async () => {
            const responses = await send();
            const messages = activities.filter((activity) => activity.type === ActivityTypes.Message).length;
            if (messages) metrics.replies.inc({ channel }, messages);
            return responses;
          }),
        ),
      );
      return next();
    },
  };
}
