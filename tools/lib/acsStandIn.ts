import { createHash, createHmac, generateKeyPairSync, KeyObject, randomBytes, randomUUID, sign } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { selfSignedCertificate } from './selfSignedCertificate';
import type { AddressInfo } from 'node:net';

/** One Call Automation request Stepwise made, as the SDK sent it (REST shape, api-version dropped). */
export interface AcsRequest {
  method: string;
  /** e.g. `/calling/callConnections/{id}:play` */
  path: string;
  callConnectionId?: string;
  /** `answer`, `play`, `recognize`, `transferToParticipant`, `hangUp`, ... */
  action: string;
  body: Record<string, any>;
  /** On a recognize: the language its speech is recognized in (ACS's default, en-US, when the request names none). */
  speechLanguage?: string;
}

/** One text message Stepwise sent through the stand-in's SMS endpoint (as the SMS SDK posted it). */
export interface TextMessage {
  from: string;
  to: string;
  message: string;
}

/** The immutable resource id the stand-in's callback tokens are for (their audience), unless told another. */
export const standInResourceId = '3f9c1b52-7e4a-4d6b-a1c8-5b2e9d0f6a71';
/** The issuer of ACS's callback tokens, as ACS documents it. */
export const acsTokenIssuer = 'https://acscallautomation.communication.azure.com';

/** What a callback token may get wrong (the tests' forgeries); by default it is the one ACS would sign. */
export interface CallbackTokenClaims {
  audience?: string;
  issuer?: string;
  /** Seconds since the epoch; the token lives five minutes from then, as ACS's do. */
  issuedAt?: number;
  /** Signs with another key, under the stand-in's current key id. */
  privateKey?: KeyObject;
}

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: Record<string, unknown>;
}

function newSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(12).toString('base64url');
  return { kid, privateKey, publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' } };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const openIdConfigurationPath = '/calling/.well-known/acsopenidconfiguration';
const keysPath = '/calling/keys';

/** How the stand-in's transfers end: the technicians' line takes the call, or does not. */
export type TransferOutcome = 'accept' | 'fail';

interface StandInCall {
  callConnectionId: string;
  serverCallId: string;
  correlationId: string;
  callbackUri: string;
  callerRawId: string;
}

function sha256Base64(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

const actionOf = (path: string) => {
  if (path === '/calling/callConnections:answer') return 'answer';
  const match = /^\/calling\/callConnections\/([^/:]+)(?::(\w+))?$/.exec(path);
  return match ? (match[2] ?? 'hangUp') : 'unknown';
};

/**
 * A local stand-in for Azure Communication Services Call Automation. It speaks the real wire protocol:
 * it takes the SDK's REST calls (checking their HMAC-SHA256 signature against its access key), keeps
 * every request, and posts the callback events (CloudEvents, as ACS does) to the callback URL Stepwise
 * answered with, each with a JWT signed as ACS signs them (its keys served as ACS's OpenID configuration
 * at `openIdConfigurationUrl`). Point the SDK at it with `connectionString`. It also delivers Event Grid
 * events (IncomingCall, subscription validation) to Stepwise's webhook, and takes the SMS SDK's text messages
 * (POST /sms), which it keeps in `texts`.
 */
export class AcsStandIn {
  readonly accessKey = randomBytes(32).toString('base64');
  readonly requests: AcsRequest[] = [];
  /** Requests refused for a bad signature (should stay empty). */
  readonly refused: { path: string; reason: string }[] = [];
  transferOutcome: TransferOutcome = 'accept';
  /** Every text message sent (POST /sms), in order. */
  readonly texts: TextMessage[] = [];
  /** Off: text messages are refused for delivery (per recipient, as ACS reports an unreachable number). */
  deliversTexts = true;
  /** How many times the key set (JWKS) was fetched. */
  keyFetches = 0;
  /** Off: the OpenID configuration and keys answer 503, as an outage would. */
  publishesKeys = true;
  private signingKey = newSigningKey();
  private server?: http.Server;
  private readonly calls = new Map<string, StandInCall>();
  private readonly inFlight = new Set<Promise<unknown>>();

  /** Entra ID access tokens it takes instead of an HMAC signature (managed identity), and the scopes asked for them. */
  readonly entraTokens = new Set<string>();
  /** With `tls`: the certificate it serves (self-signed, for 127.0.0.1), to trust as the only CA. */
  certificate?: string;

  /**
   * `audience`: the resource id its callback tokens name (standInResourceId unless told). `tls`: it serves https with a
   * self-signed certificate (made with openssl), as the SDKs send Entra ID tokens only over https.
   */
  constructor(readonly options: { audience?: string; tls?: boolean } = {}) {}

  get audience(): string {
    return this.options.audience ?? standInResourceId;
  }

  async start(): Promise<void> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => this.handle(req, res);
    this.server = this.options.tls ? https.createServer(this.certified(), handler) : http.createServer(handler);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await this.settled();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private certified(): { key: string; cert: string } {
    const pair = selfSignedCertificate();
    this.certificate = pair.cert;
    return pair;
  }

  get endpoint(): string {
    return `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  get connectionString(): string {
    return `endpoint=${this.endpoint};accesskey=${this.accessKey}`;
  }

  get openIdConfigurationUrl(): string {
    return `${this.endpoint}${openIdConfigurationPath.slice(1)}`;
  }

  /** The id of the key callbacks are signed with now. */
  get signingKeyId(): string {
    return this.signingKey.kid;
  }

  /** ACS rotates its key: a new key with a new id signs from now on, and only it is published. */
  rotateSigningKey(): void {
    this.signingKey = newSigningKey();
  }

  /** A callback token as ACS signs it (RS256, five minutes), or with what `claims` gets wrong. */
  callbackToken(claims: CallbackTokenClaims = {}): string {
    const issuedAt = claims.issuedAt ?? Math.floor(Date.now() / 1000);
    const header = base64url({ alg: 'RS256', typ: 'JWT', kid: this.signingKey.kid });
    const payload = base64url({
      iss: claims.issuer ?? acsTokenIssuer,
      aud: claims.audience ?? this.audience,
      iat: issuedAt,
      nbf: issuedAt,
      exp: issuedAt + 300,
    });
    const signature = sign('sha256', Buffer.from(`${header}.${payload}`), claims.privateKey ?? this.signingKey.privateKey);
    return `${header}.${payload}.${signature.toString('base64url')}`;
  }

  /** ACS's OpenID configuration and its key set, as ACS serves them (unsigned GETs); false for any other request. */
  private servedKeys(req: http.IncomingMessage, path: string, reply: (status: number, json?: unknown) => void): boolean {
    if (req.method !== 'GET' || (path !== openIdConfigurationPath && path !== keysPath)) return false;
    if (!this.publishesKeys) reply(503, { error: { code: 'ServiceUnavailable', message: 'The keys are not available.' } });
    else if (path === openIdConfigurationPath) reply(200, { issuer: acsTokenIssuer, jwks_uri: `${this.endpoint}${keysPath.slice(1)}`, id_token_signing_alg_values_supported: ['RS256'] });
    else {
      this.keyFetches += 1;
      reply(200, { keys: [this.signingKey.publicJwk] });
    }
    return true;
  }

  /** Waits until every callback the stand-in posted (and the ones those caused) has been answered. */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /** Requests for one call (and its answer) since index `from`. */
  requestsFor(callConnectionId: string, from = 0): AcsRequest[] {
    return this.requests.slice(from).filter((r) => r.callConnectionId === callConnectionId);
  }

  call(callConnectionId: string): StandInCall {
    const call = this.calls.get(callConnectionId);
    if (!call) throw new Error(`no call ${callConnectionId}`);
    return call;
  }

  private signatureProblem(req: http.IncomingMessage, body: string): string | undefined {
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    if (bearer !== undefined) return this.entraTokens.has(bearer) ? undefined : 'unknown Entra ID token';
    const date = req.headers['x-ms-date'];
    const contentHash = req.headers['x-ms-content-sha256'];
    const match = /^HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=(.+)$/.exec(String(req.headers.authorization ?? ''));
    if (!match || typeof date !== 'string' || typeof contentHash !== 'string') return 'not HMAC-signed';
    if (contentHash !== sha256Base64(body)) return 'content hash does not match the body';
    const url = new URL(req.url ?? '', 'http://stand-in');
    const query = url.searchParams.toString();
    const stringToSign = `${req.method}\n${url.pathname}${query ? `?${query}` : ''}\n${date};${req.headers.host};${contentHash}`;
    const expected = createHmac('sha256', Buffer.from(this.accessKey, 'base64')).update(stringToSign).digest('base64');
    return expected === match[1] ? undefined : 'wrong signature';
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '', 'http://stand-in').pathname;
      const reply = (status: number, json?: unknown) => {
        res.writeHead(status, json === undefined ? {} : { 'content-type': 'application/json' });
        res.end(json === undefined ? undefined : JSON.stringify(json));
      };
      if (this.servedKeys(req, path, reply)) return;
      const problem = this.signatureProblem(req, body);
      if (problem) {
        this.refused.push({ path, reason: problem });
        return reply(401, { error: { code: 'Unauthorized', message: problem } });
      }
      const parsed = body ? (JSON.parse(body) as Record<string, any>) : {};
      if (path === '/sms') return reply(202, { value: this.textsSent(parsed) });
      const action = actionOf(path);
      const pathId = /^\/calling\/callConnections\/([^/:]+)/.exec(path)?.[1];
      const request: AcsRequest = { method: req.method ?? '', path, callConnectionId: pathId, action, body: parsed };
      if (action === 'answer') {
        const call: StandInCall = {
          callConnectionId: randomUUID(),
          serverCallId: randomUUID(),
          correlationId: randomUUID(),
          callbackUri: parsed.callbackUri,
          callerRawId: parsed.incomingCallContext,
        };
        this.calls.set(call.callConnectionId, call);
        request.callConnectionId = call.callConnectionId;
        this.requests.push(request);
        reply(200, { callConnectionId: call.callConnectionId, serverCallId: call.serverCallId, callbackUri: call.callbackUri, callConnectionState: 'connecting' });
        // As ACS does: the call connects a moment after the answer.
        return void setImmediate(() => this.post(call, 'CallConnected', {}));
      }
      if (!pathId || !this.calls.has(pathId)) return reply(404, { error: { code: '8522', message: 'Call not found.' } });
      this.requests.push(request);
      const call = this.calls.get(pathId)!;
      switch (action) {
        case 'play':
          reply(202);
          // The audio "finishes" at once.
          return void setImmediate(() => this.post(call, 'PlayCompleted', { operationContext: parsed.operationContext, resultInformation: { code: 200, subCode: 0, message: 'Action completed successfully.' } }));
        case 'recognize':
          request.speechLanguage = parsed.recognizeOptions?.speechLanguage ?? 'en-US';
          return reply(202);
        case 'transferToParticipant':
          reply(202, { operationContext: parsed.operationContext });
          return void setImmediate(() => this.finishTransfer(call, parsed));
        case 'hangUp':
          reply(204);
          return void setImmediate(() => this.post(call, 'CallDisconnected', {}));
        default:
          return reply(202);
      }
    });
  }

  /** ACS SMS (api-version 2021-03-07): one result per recipient; 202 overall, each recipient's own status. */
  private textsSent(request: Record<string, any>): Record<string, unknown>[] {
    return (request.smsRecipients as { to: string; repeatabilityRequestId: string }[]).map(({ to, repeatabilityRequestId }) => {
      if (!this.deliversTexts) return { to, httpStatusCode: 400, successful: false, errorMessage: 'Invalid To phone number format.', repeatabilityResult: 'accepted' };
      this.texts.push({ from: request.from, to, message: request.message });
      return { to, messageId: `Outgoing_${repeatabilityRequestId}_noam`, httpStatusCode: 202, successful: true, repeatabilityResult: 'accepted' };
    });
  }

  private async finishTransfer(call: StandInCall, request: Record<string, any>): Promise<void> {
    const common = { operationContext: request.operationContext, transferTarget: request.targetParticipant };
    if (this.transferOutcome === 'fail') {
      await this.post(call, 'CallTransferFailed', { ...common, resultInformation: { code: 500, subCode: 7512, message: 'Transfer failed: the target did not answer.' } });
      return;
    }
    await this.post(call, 'CallTransferAccepted', { ...common, resultInformation: { code: 200, subCode: 7015, message: 'The transfer completed successfully.' } });
    await this.post(call, 'CallDisconnected', {});
  }

  /** Posts one callback event for the call, signed as ACS does, and resolves with Stepwise's HTTP status. */
  post(call: StandInCall, type: string, data: Record<string, unknown>, callbackUri = call.callbackUri): Promise<number> {
    const subject = `calling/callConnections/${call.callConnectionId}`;
    const event = {
      id: randomUUID(),
      source: subject,
      type: `Microsoft.Communication.${type}`,
      specversion: '1.0',
      datacontenttype: 'application/json',
      time: new Date().toISOString(),
      subject,
      data: { callConnectionId: call.callConnectionId, serverCallId: call.serverCallId, correlationId: call.correlationId, ...data },
    };
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${this.callbackToken()}` };
    const sent = fetch(callbackUri, { method: 'POST', headers, body: JSON.stringify([event]) }).then(async (response) => {
      await response.text();
      return response.status;
    });
    this.inFlight.add(sent);
    void sent.finally(() => this.inFlight.delete(sent)).catch(() => undefined);
    return sent;
  }

  /** The caller says something (speech recognized), in answer to the pending recognize. */
  said(callConnectionId: string, speech: string): Promise<number> {
    return this.post(this.call(callConnectionId), 'RecognizeCompleted', {
      operationContext: 'listen',
      recognitionType: 'speech',
      speechResult: { speech, confidence: 0.93 },
      resultInformation: { code: 200, subCode: 8573, message: 'Action completed, recognized speech.' },
    });
  }

  /** The caller presses a key ("one", "zero", "pound"), in answer to the pending recognize. */
  pressed(callConnectionId: string, tone: string): Promise<number> {
    return this.post(this.call(callConnectionId), 'RecognizeCompleted', {
      operationContext: 'listen',
      recognitionType: 'dtmf',
      dtmfResult: { tones: [tone] },
      resultInformation: { code: 200, subCode: 8514, message: 'Action completed, max digits received.' },
    });
  }

  /** The caller says nothing until the recognize's initial silence timeout. */
  silent(callConnectionId: string): Promise<number> {
    return this.post(this.call(callConnectionId), 'RecognizeFailed', {
      operationContext: 'listen',
      resultInformation: { code: 400, subCode: 8510, message: 'Action failed, initial silence timeout reached.' },
    });
  }

  /** The caller hangs up. */
  hungUp(callConnectionId: string): Promise<number> {
    return this.post(this.call(callConnectionId), 'CallDisconnected', { resultInformation: { code: 200, subCode: 0, message: 'The conversation has ended.' } });
  }

  /** An Event Grid delivery of an IncomingCall event for a caller, as ACS's Event Grid subscription sends it. */
  static incomingCallEvent(options: { from: string; to: string; topic: string; ivr?: Record<string, string> }): Record<string, unknown> {
    const raw = (number: string) => ({ kind: 'phoneNumber', rawId: `4:${number}`, phoneNumber: { value: number } });
    return {
      id: randomUUID(),
      topic: options.topic,
      subject: `/caller/4:${options.from}/recipient/4:${options.to}`,
      eventType: 'Microsoft.Communication.IncomingCall',
      eventTime: new Date().toISOString(),
      dataVersion: '1.0',
      metadataVersion: '1',
      data: {
        to: raw(options.to),
        from: raw(options.from),
        serverCallId: randomUUID(),
        callerDisplayName: '',
        customContext: { sipHeaders: options.ivr ?? {}, voipHeaders: {} },
        // The stand-in's "call context" names the caller, so its calls know whom they are with.
        incomingCallContext: `4:${options.from}`,
        correlationId: randomUUID(),
      },
    };
  }

  static validationEvent(topic: string, validationCode: string): Record<string, unknown> {
    return {
      id: randomUUID(),
      topic,
      subject: '',
      eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
      eventTime: new Date().toISOString(),
      dataVersion: '2',
      metadataVersion: '1',
      data: { validationCode, validationUrl: 'https://rp-eastus.eventgrid.azure.net/validate?code=stand-in' },
    };
  }
}
