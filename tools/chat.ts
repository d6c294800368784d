/**
 * Terminal chat: talks to a running Stepwise through its real /api/messages endpoint.
 * This terminal plays the channel: it receives the bot's replies on its own local connector.
 *   npm run chat                 (bot at http://127.0.0.1:3978/api/messages)
 *   npm run chat -- --bot URL    (another endpoint)
 *   npm run chat -- --channel sms   (or telephony: how that channel renders; default emulator)
 */
import os from 'node:os';
import readline from 'node:readline';
import { randomUUID } from 'node:crypto';
import { LocalConnector, ReceivedActivity } from './lib/localConnector';
import { ConversationAddress, joinConversation, sayText } from './lib/botClient';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
}

function botUrlFromArgs(): string {
  return argument('--bot') ?? `http://127.0.0.1:${process.env.PORT ?? '3978'}/api/messages`;
}

function plain(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, '$1');
}

function show(activity: ReceivedActivity, offered: string[]): void {
  if (activity.type === 'event') {
    console.log(`\n  [event ${activity.name}: sent to the technician system]`);
    return;
  }
  if (activity.type !== 'message') return;
  if (activity.text) console.log(`\nStepwise${activity.speak ? ' (spoken)' : ''}: ${plain(activity.text)}`);
  const actions = activity.suggestedActions?.actions ?? [];
  offered.length = 0;
  actions.forEach((action, i) => {
    offered.push(String(action.value));
    console.log(`   ${i + 1}) ${action.title}`);
  });
}

async function main(): Promise<void> {
  const connector = new LocalConnector();
  const serviceUrl = await connector.start();
  const address: ConversationAddress = {
    botUrl: botUrlFromArgs(),
    serviceUrl,
    channelId: argument('--channel') ?? 'emulator',
    conversationId: `terminal-${randomUUID()}`,
    // The same user every time: come back after quitting mid-way and the bot offers your step again.
    userId: `terminal-${os.userInfo().username}`,
    userName: 'You',
  };
  const offered: string[] = [];
  connector.on('activity', (_conversation: string, activity: ReceivedActivity) => show(activity, offered));

  console.log(`Terminal chat with ${address.botUrl}. Type a number to press a button; "quit" to leave.`);
  try {
    const response = await joinConversation(address);
    if (!response.ok) throw new Error(`the bot answered ${response.status}`);
  } catch (error) {
    console.error(`Could not reach the bot at ${address.botUrl}: ${(error as Error).message}. Is it running (npm start)?`);
    await connector.stop();
    process.exitCode = 1;
    return;
  }

  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '\nYou: ' });
  rl.prompt();
  for await (const line of rl) {
    const input = line.trim();
    if (input === 'quit' || input === 'exit') break;
    const pressed = /^\d+$/.test(input) ? offered[Number(input) - 1] : undefined;
    const text = pressed ?? input;
    if (pressed) console.log(`   (pressed ${pressed})`);
    try {
      const response = await sayText(address, text);
      if (!response.ok) console.log(`   [the bot answered HTTP ${response.status}]`);
    } catch (error) {
      console.log(`   [could not reach the bot: ${(error as Error).message}]`);
    }
    rl.prompt();
  }
  rl.close();
  await connector.stop();
}

void main();
