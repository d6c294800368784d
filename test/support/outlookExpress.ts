/** What the bot says for Outlook Express (seed content), for exact assertions. */
export const outlookExpressSteps = [
  '**Step 1 of 8:** Click on the **Tools** menu, then choose **Accounts**.',
  '**Step 2 of 8:** In this window you will see your currently installed accounts. Click on your account once so it is highlighted, then click the **Properties** button.',
  '**Step 3 of 8:** Click on the **General** tab.',
  '**Step 4 of 8:** Click on the **Servers** tab.',
  '**Step 5 of 8:** In the **Outgoing mail (SMTP)** box, make sure the server entered is **smtp.airmail.net**.',
  '**Step 6 of 8:** In the **Account name** box, make sure your full email address is entered. Make sure to include the domain (i.e. **@airmail.net**).',
  '**Step 7 of 8:** Place a check mark in the **My server requires authentication** option.',
  '**Step 8 of 8:** Click the **OK** button, then click the **Close** button.',
];

export const greeting =
  "Hi, I'm Stepwise, the Internet America mail helper. \"Error 550: Relay is not permitted\" means our mail server now asks your mail program to sign in before it sends mail. A few settings fix it, and I'll guide you one step at a time. Which mail program do you use?";
export const outlookExpressIntro = "Let's fix Outlook Express. There are 8 steps; tell me when each one is done.";
export const verifyAsk = "That's every step. Now send a short test email to yourself. Did it send without the error?";
export const verifyWorked = 'Wonderful, your mail is working again! Thanks for fixing it with me, and have a great day.';
export const storageUnavailable =
  "Sorry, I can't reach my records right now, so I couldn't take that in. Nothing is lost: you'll pick up where you were. Please try again in a few minutes, or call 1-800-232-4335 if it keeps happening.";
