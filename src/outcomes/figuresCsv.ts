import type { OutcomeFigures, StepFigures } from './aggregate';

const stepColumns: (keyof Omit<StepFigures, 'step'>)[] = ['reached', 'completed', 'help', 'questions', 'stuck', 'handedOff', 'dropped', 'medianSeconds'];

function cell(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  // Quoted when needed; a leading = + - @ would be read as a formula by a spreadsheet.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The figures as one CSV table in long form (section, program, step, name, value): every number the dashboard
 * shows, in a shape a spreadsheet can pivot.
 */
export function figuresCsv(figures: OutcomeFigures): string {
  const rows: (string | number | undefined)[][] = [['section', 'program', 'step', 'name', 'value']];
  const add = (section: string, name: string, value: number | undefined, program?: string, step?: number) => rows.push([section, program, step, name, value]);
  const totals: [string, number][] = [
    ['conversations', figures.conversations],
    ['contained', figures.contained],
    ['handedOff', figures.handedOff],
    ['abandoned', figures.abandoned],
    ['finished', figures.finished],
    ['inProgress', figures.inProgress],
    ['forgotten', figures.forgotten],
  ];
  for (const [name, value] of totals) add('summary', name, value);
  const rate = (count: number) => (figures.conversations ? Number((count / figures.conversations).toFixed(4)) : undefined);
  add('summary', 'containmentRate', rate(figures.contained));
  add('summary', 'handoffRate', rate(figures.handedOff));
  add('summary', 'abandonmentRate', rate(figures.abandoned));
  for (const { key, count } of figures.entries) add('entry', key, count);
  for (const { key, count } of figures.handoffReasons) add('handoffReason', key, count);
  for (const { key, count } of figures.questions) add('question', key, count);
  for (const { key, count } of figures.verificationFailures) add('verificationFailure', key, count);
  for (const funnel of figures.funnels) {
    for (const step of funnel.steps) for (const column of stepColumns) add('funnel', column, step[column], funnel.program, step.step);
  }
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
