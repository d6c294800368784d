import { Activity, ActivityTypes, Middleware, ResourceResponse, TurnContext } from 'botbuilder';
import type { ReplyRenderer } from './renderer';

const handoffInitiation = 'handoff.initiate';

function isHandoffInitiation(activity: Partial<Activity>): boolean {
  return activity.type === ActivityTypes.Event && activity.name === handoffInitiation;
}

/**
 * Whoever starts a handoff sends the protocol's handoff.initiate event; this delivers it in the form the
 * turn's channel can take (the renderer decides): a card message on Teams, a call transfer sent after the
 * caller has heard what happens next on voice, the event itself elsewhere.
 */
export class HandoffDeliveryMiddleware implements Middleware {
  constructor(private readonly renderer: ReplyRenderer) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const held: Partial<Activity>[] = [];
    let releasing = false;

    context.onSendActivities(async (ctx, activities, sendNext): Promise<ResourceResponse[]> => {
      if (releasing) return sendNext();
      for (let i = activities.length - 1; i >= 0; i--) {
        if (!isHandoffInitiation(activities[i])) continue;
        const delivery = this.renderer.renderHandoff(activities[i], ctx.activity);
        // Changed in place: later handlers (the transcript recorder) and the adapter see what is really sent.
        activities.splice(i, 1, ...(delivery.last ? [] : (delivery.activities as Activity[])));
        if (delivery.last) held.unshift(...delivery.activities);
      }
      return activities.length > 0 ? sendNext() : [];
    });

    await next();
    if (held.length > 0) {
      releasing = true;
      await context.sendActivities(held);
    }
  }
}
