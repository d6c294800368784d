/** Exact step texts as the customer must see them: "**Step n of m:** ..." with the real server and domain. */
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

export const microsoftOutlookSteps = [
  '**Step 1 of 9:** Click on the **Tools** menu, then choose **E-mail Accounts**.',
  '**Step 2 of 9:** Put a dot next to **View or change existing e-mail accounts**, then click the **Next** button.',
  '**Step 3 of 9:** In this window you will see your currently installed accounts. Click on your account once so it is highlighted, then click the **Change** button.',
  '**Step 4 of 9:** In the **Outgoing mail server (SMTP)** box, make sure the server entered is **smtp.airmail.net**.',
  '**Step 5 of 9:** In the **User Name** box, make sure your full email address is entered. Make sure to include the domain (i.e. **@airmail.net**).',
  '**Step 6 of 9:** Click the **More Settings** button.',
  '**Step 7 of 9:** Click on the **Outgoing Server** tab.',
  '**Step 8 of 9:** Place a check mark in the **My outgoing server (SMTP) requires authentication** option.',
  '**Step 9 of 9:** Click on **OK**, then click on **Next**, and **Finish**.',
];
