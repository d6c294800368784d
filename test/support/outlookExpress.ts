/** What the bot says for Outlook Express (seed content), for exact assertions. */
export { outlookExpressSteps } from './expectedSteps';

export const greeting =
  "Hi, I'm Stepwise, the Internet America mail helper. \"Error 550: Relay is not permitted\" means our mail server now asks your mail program to sign in before it sends mail. A few settings fix it, and I'll guide you one step at a time. Which mail program do you use?";
export const outlookExpressIntro = "Let's fix Outlook Express. There are 8 steps; tell me when each one is done.";
export const verifyAsk = "That's every step. Now send a short test email to yourself. Did it send without the error?";
export const verifyWorked = 'Wonderful, your mail is working again! Thanks for fixing it with me, and have a great day.';
export const storageUnavailable =
  "Sorry, I can't reach my records right now, so I couldn't take that in. Nothing is lost: you'll pick up where you were. Please try again in a few minutes, or call 1-800-232-4335 if it keeps happening.";
