import { aggregateOutcomes } from '../../src/outcomes/aggregate';
import type { OutcomeEvent } from '../../src/outcomes/events';
import { figuresCsv } from '../../src/outcomes/figuresCsv';

const query = { from: new Date('2026-12-01T00:00:00Z'), to: new Date('2026-12-01T23:59:59.999Z') };
const options = { now: new Date('2026-12-01T18:00:00Z'), sessionTimeoutMs: 30 * 60_000, programs: [{ id: 'oe', steps: 3 }, { id: 'ms', steps: 2 }] };

/** A conversation's events from a compact script: `type[:step][:detail]` a minute apart from `start`. */
function conversation(id: string, start: string, script: string[], channel = 'webchat', program = 'oe'): OutcomeEvent[] {
  let at = Date.parse(start);
  let chosen: string | undefined;
  return script.map((line) => {
    const [type, step, detail] = line.split(':');
    if (type === 'programChosen') chosen = program;
    const base = { at: new Date((at += 60_000)).toISOString(), conversation: id, channel, program: chosen, stage: step ? 'steps' : 'choosing', step: step ? Number(step) : undefined };
    switch (type) {
      case 'started':
        return { ...base, type, entry: 'greeting' } as OutcomeEvent;
      case 'handoff':
        return { ...base, type, reason: detail } as OutcomeEvent;
      case 'helpAsked':
        return { ...base, type, help: detail ?? 'hint' } as OutcomeEvent;
      case 'questionAnswered':
        return { ...base, type, answer: detail } as OutcomeEvent;
      case 'verification':
        return { ...base, stage: 'verifying', type, result: detail === 'worked' ? 'worked' : 'failed', error: detail === 'worked' ? undefined : detail } as OutcomeEvent;
      default:
        return { ...base, type } as OutcomeEvent;
    }
  });
}

const through = (steps: number) => Array.from({ length: steps }, (_, i) => [`stepShown:${i + 1}`, `stepCompleted:${i + 1}`]).flat();

const events: OutcomeEvent[] = [
  // Fixed: all three steps, the test email worked.
  ...conversation('a', '2026-12-01T09:00:00Z', ['started', 'programChosen', ...through(3), 'verification::worked', 'finished']),
  ...conversation('b', '2026-12-01T09:10:00Z', ['started', 'programChosen', 'stepShown:1', 'questionAnswered:1:ask.password', 'stepCompleted:1', 'stepShown:2', 'stepCompleted:2', 'stepShown:3', 'stepCompleted:3', 'verification::worked', 'finished']),
  // Stuck on step 2, handed off there.
  ...conversation('c', '2026-12-01T10:00:00Z', ['started', 'programChosen', ...through(1), 'stepShown:2', 'missed:2', 'helpAsked:2:cant', 'handoff:2:stuckOnStep']),
  // Dropped on step 2 (no activity for hours), after asking for help.
  ...conversation('d', '2026-12-01T11:00:00Z', ['started', 'programChosen', ...through(1), 'stepShown:2', 'helpAsked:2:hint']),
  // Dropped on step 2 too.
  ...conversation('e', '2026-12-01T11:30:00Z', ['started', 'programChosen', ...through(1), 'stepShown:2']),
  // Test email failed with the same error: handed off.
  ...conversation('f', '2026-12-01T12:00:00Z', ['started', 'programChosen', ...through(3), 'verification::same', 'handoff::verificationFailedSame']),
  // Still going (last activity 10 minutes ago), on Teams.
  ...conversation('g', '2026-12-01T17:45:00Z', ['started', 'programChosen', 'stepShown:1', 'questionAnswered:1:ask.password'], 'msteams'),
  // Started the day before: not in the period.
  ...conversation('h', '2026-11-30T23:00:00Z', ['started', 'programChosen', 'stepShown:1']),
].filter((event) => event.at >= query.from.toISOString());

test('the figures of a day: conversations, containment, handoffs, abandonment, the funnel and the step that loses most', () => {
  const figures = aggregateOutcomes(events, query, options);
  expect(figures).toMatchObject({ conversations: 7, contained: 2, handedOff: 2, abandoned: 2, finished: 2, inProgress: 1, forgotten: 0 });
  expect(figures.channels).toEqual(['msteams', 'webchat']);
  expect(figures.programs).toEqual(['oe']);
  expect(figures.handoffReasons).toEqual([{ key: 'stuckOnStep', count: 1 }, { key: 'verificationFailedSame', count: 1 }]);
  expect(figures.questions).toEqual([{ key: 'ask.password', count: 2 }]);
  expect(figures.verificationFailures).toEqual([{ key: 'same', count: 1 }]);
  expect(figures.entries).toEqual([{ key: 'greeting', count: 7 }]);
  expect(figures.funnels.map((funnel) => funnel.program)).toEqual(['oe']);
  expect(figures.funnels[0].steps).toEqual([
    { step: 1, reached: 7, completed: 6, help: 0, questions: 2, stuck: 0, handedOff: 0, dropped: 0, medianSeconds: 60 },
    { step: 2, reached: 6, completed: 3, help: 2, questions: 0, stuck: 1, handedOff: 1, dropped: 2, medianSeconds: 60 },
    { step: 3, reached: 3, completed: 3, help: 0, questions: 0, stuck: 0, handedOff: 0, dropped: 0, medianSeconds: 60 },
  ]);
  expect(figures.mostLost).toEqual({ program: 'oe', step: 2, lost: 3, reached: 6, handedOff: 1, dropped: 2 });
});

test('a channel filter and a program filter', () => {
  expect(aggregateOutcomes(events, { ...query, channel: 'msteams' }, options)).toMatchObject({ conversations: 1, inProgress: 1, mostLost: undefined });
  const other = aggregateOutcomes(events, { ...query, program: 'ms' }, options);
  expect(other.conversations).toBe(0);
  expect(other.funnels).toEqual([{ program: 'ms', conversations: 0, steps: [expect.objectContaining({ step: 1, reached: 0 }), expect.objectContaining({ step: 2, reached: 0 })] }]);
});

test('abandonment is decided when asked: the same events are still in progress within the session timeout', () => {
  const early = aggregateOutcomes(events.filter((event) => event.at < '2026-12-01T11:34:30Z'), query, { ...options, now: new Date('2026-12-01T11:34:30Z') });
  expect(early).toMatchObject({ conversations: 5, abandoned: 0, inProgress: 2 });
});

test('the CSV has every figure in long form', () => {
  const csv = figuresCsv(aggregateOutcomes(events, query, options)).split('\r\n');
  expect(csv[0]).toBe('section,program,step,name,value');
  expect(csv).toContain('summary,,,conversations,7');
  expect(csv).toContain('summary,,,containmentRate,0.2857');
  expect(csv).toContain('handoffReason,,,stuckOnStep,1');
  expect(csv).toContain('question,,,ask.password,2');
  expect(csv).toContain('verificationFailure,,,same,1');
  expect(csv).toContain('funnel,oe,2,dropped,2');
  expect(csv).toContain('funnel,oe,2,medianSeconds,60');
});
