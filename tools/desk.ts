/**
 * Terminal technician desk: plays the desk channel (a Teams channel in production) on loopback, so the
 * whole handoff can be tried locally with two terminals and no Azure.
 *   npm run desk                      (prints how to start the bot with the desk, then waits for cases)
 *   npm run desk -- --bot URL         (another endpoint; --port N for the desk connector, default 3979)
 */
import readline from 'node:readline';
import { LocalConnector, ReceivedActivity } from './lib/localConnector';
import { ConversationAddress, sayText } from './lib/botClient';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
}

const deskConversation = 'local-desk';
const technicianId = 'local-technician';

/** Markdown bold and Teams mentions (<at>Name</at>) as a terminal shows them. */
function plain(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/<at>(.+?)<\/at>/g, '@$1');
}

interface CardContent {
  body?: { type: string; text?: string; facts?: { title: string; value: string }[] }[];
  actions?: { title: string; data?: { command?: string } }[];
}

function show(activity: ReceivedActivity, label: string): void {
  if (activity.type !== 'message') return;
  const card = activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) {
    console.log(`\n${label}${plain(activity.text ?? '')}`);
    return;
  }
  const content = card.content as CardContent;
  console.log(`\n${label}`);
  for (const block of content.body ?? []) {
    if (block.text) console.log(`  ${block.text}`);
    for (const fact of block.facts ?? []) console.log(`  ${fact.title}: ${fact.value}`);
  }
  for (const action of content.actions ?? []) console.log(`  [${action.title}] type: ${action.data?.command ?? action.title}`);
}

async function main(): Promise<void> {
  const port = Number(argument('--port') ?? 3979);
  const connector = new LocalConnector();
  const serviceUrl = await connector.start(port);
  const address: ConversationAddress = {
    botUrl: argument('--bot') ?? `http://127.0.0.1:${process.env.PORT ?? '3978'}/api/messages`,
    serviceUrl,
    channelId: 'msteams',
    conversationId: deskConversation,
    userId: technicianId,
    userName: 'Local Technician',
    conversationExtra: { isGroup: true, conversationType: 'channel' },
  };
  connector.on('activity', (conversation: string, activity: ReceivedActivity) => {
    if (conversation === deskConversation) show(activity, 'Desk: ');
  });
  connector.on('update', (conversation: string, activity: ReceivedActivity) => {
    if (conversation === deskConversation) show(activity, 'Desk (card updated): ');
  });

  console.log(`Technician desk on ${serviceUrl}. Start the bot with:

  HANDOFF_DESTINATIONS=protocol,desk DESK_CHANNEL_ID=msteams DESK_CONVERSATION_ID=${deskConversation} \\
  DESK_SERVICE_URL=${serviceUrl} DESK_TECHNICIANS=${technicianId} npm start

then chat as a customer (npm run chat) and ask for a technician. Desk commands: queue, take next,
take SW-XXXXXX, end, resume at step N; anything else goes to the customer you have taken. "quit" leaves.`);

  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '\nTechnician: ' });
  rl.prompt();
  for await (const line of rl) {
    const input = line.trim();
    if (input === 'quit' || input === 'exit') break;
    if (input) {
      try {
        const response = await sayText(address, input);
        if (!response.ok) console.log(`   [the bot answered HTTP ${response.status}]`);
      } catch (error) {
        console.log(`   [could not reach the bot at ${address.botUrl}: ${(error as Error).message}]`);
      }
    }
    rl.prompt();
  }
  rl.close();
  await connector.stop();
}

void main();
