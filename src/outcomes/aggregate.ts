import type { OutcomeEvent } from './events';

/** What the dashboard is asked for: a period, and optionally one channel and one program. */
export interface OutcomeQuery {
  from: Date;
  to: Date;
  channel?: string;
  program?: string;
}

export interface ProgramSteps {
  id: string;
  /** The procedure's number of steps (the funnel has a bar group for each). */
  steps: number;
}

export interface AggregateOptions {
  /** No activity for this long ends a conversation that neither finished nor reached a technician: abandoned. */
  sessionTimeoutMs: number;
  now: Date;
  programs: ProgramSteps[];
}

export interface Count {
  key: string;
  count: number;
}

export interface StepFigures {
  step: number;
  reached: number;
  completed: number;
  help: number;
  questions: number;
  stuck: number;
  handedOff: number;
  dropped: number;
  /** From the step's first showing to its first completion, over the conversations that completed it. */
  medianSeconds?: number;
}

export interface Funnel {
  program: string;
  conversations: number;
  steps: StepFigures[];
}

export interface OutcomeFigures {
  conversations: number;
  /** Finished with a test email that went through, and never handed to a technician. */
  contained: number;
  handedOff: number;
  abandoned: number;
  finished: number;
  forgotten: number;
  /** Neither finished, handed off nor abandoned yet (active within the session timeout). */
  inProgress: number;
  entries: Count[];
  handoffReasons: Count[];
  questions: Count[];
  verificationFailures: Count[];
  funnels: Funnel[];
  /** The step that loses most customers (handed off plus dropped there), if any step lost one. */
  mostLost?: { program: string; step: number; lost: number; reached: number; handedOff: number; dropped: number };
  /** What the filters can choose from in this period. */
  channels: string[];
  programs: string[];
}

interface Conversation {
  channel: string;
  program?: string;
  events: OutcomeEvent[];
}

function counted(keys: string[]): Count[] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Conversations that started in the period, each with its events in time order; the program is the last one chosen. */
function conversationsOf(events: OutcomeEvent[], query: OutcomeQuery): Conversation[] {
  const [from, to] = [query.from.toISOString(), query.to.toISOString()];
  const byId = new Map<string, OutcomeEvent[]>();
  for (const event of events) {
    const list = byId.get(event.conversation);
    if (list) list.push(event);
    else byId.set(event.conversation, [event]);
  }
  const conversations: Conversation[] = [];
  for (const list of byId.values()) {
    const started = list.find((event) => event.type === 'started');
    if (!started || started.at < from || started.at > to) continue;
    const chosen = list.filter((event) => event.type === 'programChosen').at(-1);
    conversations.push({ channel: started.channel, program: chosen?.program, events: list });
  }
  return conversations;
}

type Status = 'contained' | 'handedOff' | 'finished' | 'abandoned' | 'inProgress';

function statusOf(conversation: Conversation, options: AggregateOptions): Status {
  const has = (type: OutcomeEvent['type']) => conversation.events.some((event) => event.type === type);
  if (has('handoff')) return 'handedOff';
  const worked = conversation.events.some((event) => event.type === 'verification' && event.result === 'worked');
  if (has('finished')) return worked ? 'contained' : 'finished';
  if (has('forgotten')) return 'inProgress';
  const last = conversation.events.at(-1)!;
  // Derived when asked, from the last event's time: no timer marks a conversation abandoned.
  return options.now.getTime() - Date.parse(last.at) >= options.sessionTimeoutMs ? 'abandoned' : 'inProgress';
}

function funnelOf(program: ProgramSteps, conversations: Conversation[], statuses: Map<Conversation, Status>): Funnel {
  const mine = conversations.filter((conversation) => conversation.program === program.id);
  const steps: StepFigures[] = [];
  for (let step = 1; step <= program.steps; step++) {
    const with_ = (test: (event: OutcomeEvent) => boolean) =>
      mine.filter((conversation) => conversation.events.some((event) => event.program === program.id && event.step === step && event.stage === 'steps' && test(event))).length;
    const durations: number[] = [];
    for (const conversation of mine) {
      const shown = conversation.events.find((event) => event.type === 'stepShown' && event.program === program.id && event.step === step);
      const done = shown && conversation.events.find((event) => event.type === 'stepCompleted' && event.program === program.id && event.step === step && event.at >= shown.at);
      if (shown && done) durations.push((Date.parse(done.at) - Date.parse(shown.at)) / 1000);
    }
    const dropped = mine.filter((conversation) => {
      const last = conversation.events.at(-1)!;
      return statuses.get(conversation) === 'abandoned' && last.stage === 'steps' && last.step === step && last.program === program.id;
    }).length;
    steps.push({
      step,
      reached: with_((event) => event.type === 'stepShown'),
      completed: with_((event) => event.type === 'stepCompleted'),
      help: with_((event) => event.type === 'helpAsked'),
      questions: with_((event) => event.type === 'questionAnswered'),
      stuck: with_((event) => event.type === 'missed' || (event.type === 'helpAsked' && event.help === 'cant')),
      handedOff: with_((event) => event.type === 'handoff'),
      dropped,
      medianSeconds: median(durations),
    });
  }
  return { program: program.id, conversations: mine.length, steps };
}

/** The dashboard's figures for one period, channel and program, from the outcome events read for that period. */
export function aggregateOutcomes(events: OutcomeEvent[], query: OutcomeQuery, options: AggregateOptions): OutcomeFigures {
  const all = conversationsOf(events, query);
  const channels = [...new Set(all.map((conversation) => conversation.channel))].sort();
  const programs = [...new Set(all.flatMap((conversation) => (conversation.program ? [conversation.program] : [])))].sort();
  const chosen = all.filter(
    (conversation) => (!query.channel || conversation.channel === query.channel) && (!query.program || conversation.program === query.program),
  );
  const statuses = new Map(chosen.map((conversation) => [conversation, statusOf(conversation, options)]));
  const withStatus = (status: Status) => chosen.filter((conversation) => statuses.get(conversation) === status).length;
  const eventsOf = (type: OutcomeEvent['type']) => chosen.flatMap((conversation) => conversation.events.filter((event) => event.type === type));

  const funnels = options.programs
    .filter((program) => (query.program ? program.id === query.program : programs.includes(program.id)))
    .map((program) => funnelOf(program, chosen, statuses));
  let mostLost: OutcomeFigures['mostLost'];
  for (const funnel of funnels) {
    for (const step of funnel.steps) {
      const lost = step.handedOff + step.dropped;
      if (lost > 0 && (!mostLost || lost > mostLost.lost)) {
        mostLost = { program: funnel.program, step: step.step, lost, reached: step.reached, handedOff: step.handedOff, dropped: step.dropped };
      }
    }
  }

  return {
    conversations: chosen.length,
    contained: withStatus('contained'),
    handedOff: withStatus('handedOff'),
    abandoned: withStatus('abandoned'),
    finished: withStatus('finished') + withStatus('contained'),
    forgotten: eventsOf('forgotten').length,
    inProgress: withStatus('inProgress'),
    entries: counted(eventsOf('started').map((event) => (event.type === 'started' ? event.entry : ''))),
    handoffReasons: counted(eventsOf('handoff').map((event) => (event.type === 'handoff' ? event.reason : ''))),
    questions: counted(eventsOf('questionAnswered').map((event) => (event.type === 'questionAnswered' ? event.answer : ''))),
    verificationFailures: counted(
      eventsOf('verification').flatMap((event) => (event.type === 'verification' && event.result === 'failed' ? [event.error ?? 'unrecognized'] : [])),
    ),
    funnels,
    mostLost,
    channels,
    programs,
  };
}
