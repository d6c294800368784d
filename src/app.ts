import type { AddressInfo } from 'node:net';
import type { Storage } from 'botbuilder';
import type restify from 'restify';
import { createBot, BotParts } from './bot/createBot';
import type { AppConfig } from './config/config';
import { toE164 } from './config/channels';
import { voiceLocale } from './channels/voiceReply';
import { baseLanguage, languageOfLocale, languages, localeOf } from './content/languages';
import { Content, loadContent } from './content/loader';
import { localContent, turnLanguage } from './customer/language';
import { referencePattern } from './handoff/cases';
import type { Clock, Sleep } from './handoff/clock';
import type { Logger } from './logging/logger';
import { createRedactor } from './privacy/createRedactor';
import { redactingLogger } from './privacy/redactingLogger';
import { createAdapter } from './server/adapter';
import { countRateLimited } from './server/countRateLimited';
import { createServer } from './server/createServer';
import { mountMetrics } from './server/mountMetrics';
import { DrainResult, drainServer, mountReadiness, Readiness, TurnsInFlight } from './server/lifecycle';
import { mountChatWidget } from './server/mountChatWidget';
import { acceptStreamingConnections } from './server/streaming';
import { hostPhoneBridge } from './server/phone';
import { acsTextMessages } from './phone/acsTextMessages';
import { acsClientArguments, type AcsIdentity } from './phone/acsAccess';
import { trustPhoneBridge } from './phone/statusTrust';
import type { OutcomeSink } from './outcomes/events';
import { OutcomeLog } from './outcomes/outcomeLog';
import { OutcomeReports } from './outcomes/outcomeReports';
import { mountSupportDashboard } from './server/support/mountSupportDashboard';
import { supportAccess } from './server/support/supportAccess';
import { AppStorage, openAppStorage } from './storage/appStorage';
import { handoffOpened, HandoffOpenedEvent } from './telemetry/events';
import { measuredStorage } from './telemetry/measuredStorage';
import { StepwiseMetrics } from './telemetry/metrics';
import { repliesTelemetry, turnTelemetry } from './telemetry/turnTelemetry';
import { RetentionSweep } from './storage/retentionSweep';
import { createTimerQueue } from './timers/createTimerQueue';
import type { TimerQueue } from './timers/timerQueue';
import { BotFrameworkAuthentication, createBotAuthentication } from './server/security/authentication';

export interface AppDependencies {
  logger: Logger;
  /** Replaces the store chosen by STORAGE (tests). */
  storage?: Storage;
  content?: Content;
  /** Injectable time for silence, business hours and rate limits; waiting and HTTP for webhook retries (tests). */
  clock?: Clock;
  sleep?: Sleep;
  fetch?: typeof fetch;
  /** How often the timer queue is asked for due timers (default TIMER_POLL_SECONDS); 0 = never by timer (tests call bot.handoff.tick()). */
  silenceTickSeconds?: number;
  /** Replaces the timer queue chosen by STORAGE (tests). */
  timers?: TimerQueue;
  /** Default: from config.credentials (tests: the same, with signing keys served on loopback). */
  authentication?: BotFrameworkAuthentication;
  /** How often outcome events are written to the store (default 10 s); 0 = only on close (tests call app.outcomes.flush()). */
  outcomeFlushSeconds?: number;
  /** More destinations for the outcome events (exporters); the store always gets them. */
  outcomeSinks?: OutcomeSink[];
  /** With ACS_ENDPOINT: replaces the managed identity (tests: the ACS stand-in's credential and TLS CA). */
  acsIdentity?: AcsIdentity;
}

export interface App {
  server: restify.Server;
  bot: BotParts;
  /** Where the website chat page gets its Direct Line: built in (local), Azure, or not served. */
  chatWidget: 'local' | 'azure' | 'off';
  content: Content;
  storage: AppStorage;
  /** Silence check-ins and offers, shared by every instance on the same store. */
  timers: TimerQueue;
  retention: RetentionSweep;
  /** starting, ready (listening), draining (shutting down): what /readyz answers. */
  readiness: Readiness;
  /** The turns running now. */
  turns: TurnsInFlight;
  /** What GET /metrics serves. */
  metrics: StepwiseMetrics;
  /** The conversations' outcome events in the store (the support dashboard reads them). */
  outcomes: OutcomeLog;
  /** Starts listening; resolves with the base URL (http://host:port). */
  listen(): Promise<string>;
  /** Stops taking traffic and waits up to limitMs for running turns; then call close(). */
  drain(limitMs: number): Promise<DrainResult>;
  close(): Promise<void>;
}

const sweepIntervalMs = 60 * 60 * 1000;
const defaultOutcomeFlushSeconds = 10;

/** Composition root: config -> content -> storage -> bot -> adapter -> server. */
export function createApp(config: AppConfig, deps: AppDependencies): App {
  const content = deps.content ?? loadContent(config.isp);
  // Every log line passes the same password redaction as transcripts and handoffs.
  const logger = redactingLogger(deps.logger, createRedactor(content));
  const now = deps.clock ? () => deps.clock!.now() : () => new Date();
  const storage = openAppStorage(config, logger, now, deps.storage);
  const timers =
    deps.timers ??
    createTimerQueue(storage.kind, deps.storage ?? storage.storage, {
      settings: config.timers,
      now: () => now().getTime(),
      blobConnectionString: config.storage.blobConnectionString,
      requestTimeoutMs: config.storage.requestTimeoutMs,
    });

  const acsAccess = config.phone && acsClientArguments(config.phone, deps.acsIdentity);
  const metrics = new StepwiseMetrics();
  const outcomes = new OutcomeLog({ storage: storage.storage, now, logger, flushMs: (deps.outcomeFlushSeconds ?? defaultOutcomeFlushSeconds) * 1000 });
  const bot = createBot({
    content,
    storage: measuredStorage(storage.storage, metrics),
    logger,
    outcomeSinks: [outcomes, ...(deps.outcomeSinks ?? [])],
    channels: config.channels,
    defaultLanguage: config.defaultLanguage,
    returningCustomerDays: config.retention.returningCustomerDays,
    // The phone bridge reports its transfers as handoff.status events on its own channel.
    handoffSettings: config.phone ? trustPhoneBridge(config.handoff, config.credentials.MicrosoftAppId) : config.handoff,
    timers,
    clock: deps.clock,
    sleep: deps.sleep,
    fetch: deps.fetch,
    stepsByText: acsAccess && config.phone?.textMessages && {
      texts: acsTextMessages(acsAccess, config.phone.textMessages.from),
      chatPageUrl: config.phone.textMessages.chatPageUrl,
    },
  });
  const authentication = deps.authentication ?? createBotAuthentication(config.credentials);
  const adapter = createAdapter({
    credentials: config.credentials,
    authentication,
    logger,
    turnErrorReply: (context) =>
      bot.renderer.render({ text: localContent(content, context).messages.turnError, expectsReply: false }, context.activity, turnLanguage(context)),
  });
  const turns = new TurnsInFlight();
  adapter.use(turns);
  adapter.use(turnTelemetry(metrics));
  const countHandoff = (event: unknown) => metrics.handoffs.inc({ reason: (event as HandoffOpenedEvent).reason });
  handoffOpened.subscribe(countHandoff);
  metrics.countOpenCases(async () => {
    const [queued, taken] = await Promise.all([bot.handoff.cases.queue(), bot.handoff.cases.taken()]);
    return { queued: queued.length, taken: taken.length };
  });
  bot.middleware.forEach((middleware) => adapter.use(middleware));
  adapter.use(repliesTelemetry(metrics));
  bot.handoff.attach(adapter, config.credentials.MicrosoftAppId ?? '');
  const server = createServer({
    adapter,
    bot: bot.bot,
    logger,
    localMode: config.localMode,
    healthChecks: { storage: () => storage.ping() },
    degradingChecks: timers.probe ? { timers: () => timers.probe!() } : undefined,
    maxBodyBytes: config.security.maxRequestBytes,
    security: {
      authentication,
      rateLimits: config.security.rateLimits,
      rateLimitedReply: (activity) => {
        // Refused before any state is read: the client's locale is all there is to go by.
        const language = languageOfLocale(activity.locale) ?? config.defaultLanguage;
        return bot.renderer.render({ text: content.localized[language].messages.rateLimited, expectsReply: false }, activity, language);
      },
      clock: deps.clock ? () => deps.clock!.now().getTime() : undefined,
      maxTextCharacters: content.policy.maxInputCharacters,
    },
  });
  const readiness = new Readiness();
  mountReadiness(server, readiness);
  mountMetrics(server, metrics.registry, supportAccess(config.localMode, config.support.adminToken));
  countRateLimited(server, (route) => metrics.rateLimited.inc({ route }));
  let baseUrl = '';
  const chatWidget = mountChatWidget(server, {
    companyName: config.isp.companyName,
    localMode: config.localMode,
    directLineSecret: config.directLineSecret,
    embeddingOrigins: config.chatEmbedOrigins,
    baseUrl: () => baseUrl,
    storage: storage.storage,
    page: {
      texts: content.messages.webChat,
      locale: localeOf[baseLanguage],
      translations: Object.fromEntries(languages.filter((l) => l !== baseLanguage).map((l) => [localeOf[l], content.localized[l].messages.webChat])),
      supportPhone: config.isp.supportPhone,
      supportPhoneDialled: toE164(config.isp.supportPhone),
      referencePattern: referencePattern.source,
    },
    openPlace: (token, channelId, userId) => bot.placeLinks.open(token, channelId, userId),
    logger,
  });
  mountSupportDashboard(server, {
    access: supportAccess(config.localMode, config.support.adminToken),
    reports: new OutcomeReports({ source: outcomes, content, sessionTimeoutMinutes: config.support.sessionTimeoutMinutes, now }),
    content,
    companyName: config.isp.companyName,
    localMode: config.localMode,
    now,
    logger,
  });
  acceptStreamingConnections(server, adapter, bot.bot, logger);
  if (config.phone && acsAccess) {
    hostPhoneBridge(server, {
      settings: config.phone,
      access: acsAccess,
      adapter,
      authentication,
      botAppId: config.credentials.MicrosoftAppId ?? '',
      bot,
      storage: storage.storage,
      content,
      locale: voiceLocale(config.channels.voiceName),
      logger,
    });
  }

  // Every instance asks the shared timer queue for due check-ins and offers (README, Timers on several instances).
  const tickSeconds = deps.silenceTickSeconds ?? config.timers.pollSeconds;
  const ticker =
    tickSeconds > 0
      ? setInterval(() => {
          bot.handoff.tick().catch((error: Error) => logger.warn('timer poll failed', { error: error.message }));
        }, tickSeconds * 1000)
      : undefined;
  ticker?.unref();

  const retention = new RetentionSweep({
    days: config.retention.stateDays,
    intervalMs: sweepIntervalMs,
    now,
    logger,
    targets: [
      { name: 'state', deleteOlderThan: (cutoff) => storage.storage.deleteOlderThan(cutoff) },
    ],
  });

  return {
    server,
    bot,
    chatWidget,
    content,
    storage,
    timers,
    retention,
    readiness,
    turns,
    metrics,
    outcomes,
    listen: () =>
      new Promise((resolve) => {
        server.listen(config.port, config.host, () => {
          retention.start();
          outcomes.start();
          const { port } = server.address() as AddressInfo;
          baseUrl = `http://${config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host}:${port}`;
          readiness.started();
          resolve(baseUrl);
        });
      }),
    drain: (limitMs) => {
      // No new check-in starts while the running turns finish.
      if (ticker) clearInterval(ticker);
      return drainServer(server, readiness, turns, limitMs);
    },
    close: async () => {
      if (ticker) clearInterval(ticker);
      handoffOpened.unsubscribe(countHandoff);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets would otherwise hold the close open until they time out.
        server.server.closeIdleConnections();
      });
      await retention.stop();
      await outcomes.close();
      await storage.close();
    },
  };
}
