import { AcsStandIn, AcsRequest } from '../../tools/lib/acsStandIn';
import { freePort } from '../../tools/lib/freePort';
import { RunningStepwise, startStepwise } from './stepwiseServer';
import { childElements, parseXml, textOf } from './xml';

export const acsTopic = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/isp/providers/Microsoft.Communication/communicationServices/isp-phone';
export const eventGridSecret = 'event-grid-secret-for-tests';
export const ispNumber = '+18005550199';

export interface PhoneStepwise {
  stepwise: RunningStepwise;
  acs: AcsStandIn;
  baseUrl: string;
  /** Delivers an Event Grid IncomingCall for this caller and returns the answered call. */
  ring(from: string, ivr?: Record<string, string>): Promise<PhoneCall>;
  /** POSTs to the Event Grid webhook; `secret: null` sends none. */
  postEventGrid(events: unknown, secret?: string | null): Promise<{ status: number; body: string }>;
  stop(): Promise<void>;
}

type Deps = NonNullable<Parameters<typeof startStepwise>[1]>;

/**
 * Stepwise with the phone bridge on, its Call Automation client pointed at a local ACS stand-in; `env` and `deps`
 * may name the stand-in's addresses (and its certificate, with `standIn.tls`).
 */
export async function startPhoneStepwise(
  env: Record<string, string> | ((acs: AcsStandIn) => Record<string, string>) = {},
  deps: Deps | ((acs: AcsStandIn) => Deps) = {},
  standIn: ConstructorParameters<typeof AcsStandIn>[0] = {},
): Promise<PhoneStepwise> {
  const acs = new AcsStandIn(standIn);
  await acs.start();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const stepwise = await startStepwise({
    PORT: String(port),
    ACS_CONNECTION_STRING: acs.connectionString,
    ACS_CALLBACK_BASE_URL: baseUrl,
    ACS_COGNITIVE_SERVICES_ENDPOINT: 'https://isp-speech.cognitiveservices.azure.com/',
    PHONE_TRANSFER_TARGET: '+18005550123',
    ACS_EVENTGRID_SECRET: eventGridSecret,
    ACS_EVENTGRID_TOPIC: acsTopic,
    ...(typeof env === 'function' ? env(acs) : env),
  }, typeof deps === 'function' ? deps(acs) : deps);
  const postEventGrid = async (events: unknown, secret: string | null = eventGridSecret) => {
    const query = secret === null ? '' : `?secret=${encodeURIComponent(secret)}`;
    const response = await fetch(`${baseUrl}/api/calls/incoming${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'aeg-event-type': 'Notification' },
      body: JSON.stringify(events),
    });
    return { status: response.status, body: await response.text() };
  };
  return {
    stepwise,
    acs,
    baseUrl,
    postEventGrid,
    async ring(from, ivr) {
      const before = acs.requests.length;
      const { status } = await postEventGrid([AcsStandIn.incomingCallEvent({ from, to: ispNumber, topic: acsTopic, ivr })]);
      if (status !== 200) throw new Error(`IncomingCall answered ${status}`);
      await acs.settled();
      const answer = acs.requests.slice(before).find((r) => r.action === 'answer');
      if (!answer) throw new Error('the call was not answered');
      return new PhoneCall(acs, answer);
    },
    async stop() {
      await acs.stop();
      await stepwise.stop();
    },
  };
}

/** POSTs a callback delivery to a call's callback URL as anyone could, with `headers` (an Authorization) if given. */
export async function postCallback(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.text() };
}

/** The voice each language is spoken in (the defaults of VOICE_NAME and VOICE_NAME_ES), by the SSML's xml:lang. */
export const voiceByLanguage: Record<string, string> = { 'en-US': 'en-US-JennyNeural', 'es-US': 'es-US-PalomaNeural' };

/**
 * The words of one SSML document, checked to be well-formed SSML with the configured voice: `voice`, or
 * else the one for the document's xml:lang (English or Spanish).
 */
export function spokenText(ssml: string, voice?: string): string {
  const speak = parseXml(ssml);
  expect(speak.name).toBe('speak');
  expect(Object.keys(voiceByLanguage)).toContain(speak.attributes['xml:lang']);
  expect(childElements(speak).map((e) => [e.name, e.attributes.name])).toEqual([['voice', voice ?? voiceByLanguage[speak.attributes['xml:lang']]]]);
  return textOf(speak);
}

/** The xml:lang of every SSML document a request makes the caller hear. */
export function heardLanguages(request: AcsRequest): string[] {
  const sources: { ssml?: { ssmlText: string } }[] = request.body.playPrompts ?? request.body.playSources ?? [];
  return sources.map((source) => parseXml(source.ssml!.ssmlText).attributes['xml:lang']);
}

/** Every sentence a request makes the caller hear (a recognize's prompts, a play's sources). */
export function heardIn(request: AcsRequest): string[] {
  const sources: { kind: string; ssml?: { ssmlText: string } }[] = request.body.playPrompts ?? request.body.playSources ?? [];
  return sources.map((source) => {
    expect(source.kind).toBe('ssml');
    return spokenText(source.ssml!.ssmlText);
  });
}

/** One answered call, seen from the caller's side of the stand-in. */
export class PhoneCall {
  private mark: number;

  readonly callConnectionId: string;

  constructor(
    readonly acs: AcsStandIn,
    readonly answer: AcsRequest,
  ) {
    this.callConnectionId = answer.callConnectionId!;
    // The first look starts with the answer: what the caller heard when the call connected.
    this.mark = acs.requests.indexOf(answer);
  }

  /** The requests Stepwise made for this call since the last look (each action below looks once). */
  private since(): AcsRequest[] {
    const requests = this.acs.requestsFor(this.callConnectionId, this.mark);
    this.mark = this.acs.requests.length;
    return requests;
  }

  /** What was requested since the last look: answer and connect included on the first look. */
  requests(): AcsRequest[] {
    return this.since();
  }

  /** The requests Stepwise made in answer to the caller's last action. */
  lastRequests: AcsRequest[] = [];

  /** Acts for the caller and returns what they heard in answer, one entry per spoken message. */
  private async act(sent: Promise<number>): Promise<string[]> {
    const status = await sent;
    if (status !== 200) throw new Error(`callback answered ${status}`);
    await this.acs.settled();
    this.lastRequests = this.since();
    return this.lastRequests.flatMap(heardIn);
  }

  say(speech: string): Promise<string[]> {
    return this.act(this.acs.said(this.callConnectionId, speech));
  }

  /** A keypad key by its digit ('1', '0', '#'). */
  press(key: string): Promise<string[]> {
    const tones: Record<string, string> = { '0': 'zero', '1': 'one', '2': 'two', '3': 'three', '4': 'four', '5': 'five', '6': 'six', '7': 'seven', '8': 'eight', '9': 'nine', '*': 'asterisk', '#': 'pound' };
    return this.act(this.acs.pressed(this.callConnectionId, tones[key]));
  }

  silence(): Promise<string[]> {
    return this.act(this.acs.silent(this.callConnectionId));
  }

  hangUp(): Promise<string[]> {
    return this.act(this.acs.hungUp(this.callConnectionId));
  }
}
