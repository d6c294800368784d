/**
 * A terminal phone: calls Stepwise's phone bridge through a local stand-in for Azure Communication
 * Services, with the real Call Automation SDK in between. Type what the caller says; a lone digit, * or #
 * is a key press; an empty line is silence. It shows what Stepwise says and every request it makes.
 *   npm run call                          (caller +12145550123)
 *   npm run call -- --from +14695550100   (another caller number)
 *   npm run call -- --fail-transfer       (the technicians' line does not take transfers)
 */
import readline from 'node:readline';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/logging/logger';
import { AcsRequest, AcsStandIn } from './lib/acsStandIn';
import { freePort } from './lib/freePort';

const topic = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/local/providers/Microsoft.Communication/communicationServices/stand-in';
const ispNumber = '+18005550199';
const eventGridSecret = 'terminal-phone-event-grid-secret';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
}

/** The words of an SSML document. */
function words(ssml: string): string {
  return ssml
    .replace(/<[^>]+>/g, '')
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function describe(request: AcsRequest): string[] {
  const prompts: { ssml?: { ssmlText: string } }[] = request.body.playPrompts ?? request.body.playSources ?? [];
  const spoken = prompts.map((prompt) => `\nStepwise (spoken): ${words(prompt.ssml?.ssmlText ?? '')}`);
  switch (request.action) {
    case 'answer':
      return [`  [answerCall, callbacks to ${request.body.callbackUri.replace(/secret=[^&]+/, 'secret=…')}]`];
    case 'recognize': {
      const options = request.body.recognizeOptions ?? {};
      return [...spoken, `  [startRecognizing: speech or ${options.dtmfOptions?.maxTonesToCollect ?? '?'} key, barge-in ${options.interruptPrompt ? 'on' : 'off'}, ${options.initialSilenceTimeoutInSeconds} s of silence]`];
    }
    case 'play':
      return [...spoken, `  [playToAll, then ${request.body.operationContext}]`];
    case 'transferToParticipant': {
      const headers = Object.entries(request.body.customCallingContext?.sipHeaders ?? {}).map(([name, value]) => `\n     ${name}: ${value}`);
      return [`  [transferCallToParticipant ${request.body.targetParticipant?.rawId}${headers.join('')}]`];
    }
    default:
      return [`  [${request.action}]`];
  }
}

async function main(): Promise<void> {
  const acs = new AcsStandIn();
  await acs.start();
  if (process.argv.includes('--fail-transfer')) acs.transferOutcome = 'fail';
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    STORAGE: process.env.STORAGE ?? 'memory',
    ACS_CONNECTION_STRING: acs.connectionString,
    ACS_CALLBACK_BASE_URL: base,
    ACS_COGNITIVE_SERVICES_ENDPOINT: 'https://stand-in.cognitiveservices.azure.com/',
    ACS_EVENTGRID_SECRET: eventGridSecret,
    ACS_EVENTGRID_TOPIC: topic,
    // Every callback carries the stand-in's signed token, checked as ACS's would be.
    ACS_RESOURCE_ID: acs.audience,
    ACS_OPENID_CONFIGURATION_URL: acs.openIdConfigurationUrl,
  });
  const app = createApp(config, { logger: createLogger(process.env.LOG_LEVEL === 'debug' ? 'debug' : 'error') });
  await app.storage.ready();
  await app.bot.train();
  await app.listen();

  const from = argument('--from') ?? '+12145550123';
  let shown = 0;
  let callConnectionId: string | undefined;
  const showNew = () => {
    for (const request of acs.requests.slice(shown)) {
      if (request.action === 'answer') callConnectionId = request.callConnectionId;
      for (const line of describe(request)) console.log(line);
    }
    shown = acs.requests.length;
  };
  const ring = async () => {
    console.log(`\nCalling the ISP from ${from}; the IVR hands the call to Stepwise.`);
    await fetch(`${base}/api/calls/incoming?secret=${eventGridSecret}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([AcsStandIn.incomingCallEvent({ from, to: ispNumber, topic, ivr: { 'X-MS-Custom-QueuePosition': '14' } })]),
    });
    await acs.settled();
    showNew();
  };

  console.log('Terminal phone. Say something; a lone digit, * or # is a key; an empty line is silence; "hang up", "call" to ring again, "quit".');
  await ring();
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: '\nYou: ' });
  rl.prompt();
  for await (const line of rl) {
    const input = line.trim();
    if (input === 'quit' || input === 'exit') break;
    if (input === 'call') await ring();
    else if (!callConnectionId) console.log('  [no call: type "call"]');
    else if (input === 'hang up') {
      await acs.hungUp(callConnectionId);
      callConnectionId = undefined;
    } else {
      const keyTones: Record<string, string> = { '*': 'asterisk', '#': 'pound' };
      const tone = /^[0-9]$/.test(input) ? ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'][Number(input)] : keyTones[input];
      if (tone) await acs.pressed(callConnectionId, tone);
      else if (input) await acs.said(callConnectionId, input);
      else await acs.silent(callConnectionId);
    }
    await acs.settled();
    showNew();
    if (acs.requests.at(-1)?.action === 'transferToParticipant' && acs.transferOutcome === 'accept') {
      console.log('  [the technicians have the call now; "call" to ring again]');
      callConnectionId = undefined;
    }
    rl.prompt();
  }
  rl.close();
  await acs.stop();
  await app.close();
}

main().catch((error: unknown) => {
  console.error('The terminal phone could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
