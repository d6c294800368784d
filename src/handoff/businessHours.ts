import type { Messages } from '../content/schema';
import { fill } from '../content/placeholders';
import type { BusinessHoursSettings } from './settings';

const weekdayIndex: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function clockTime(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Runs of consecutive days: [1..5] -> [[1, 5]]; [1, 3, 5] -> [[1, 1], [3, 3], [5, 5]]. */
function dayRuns(days: number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const day of [...days].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last[1] === day - 1) last[1] = day;
    else runs.push([day, day]);
  }
  return runs;
}

/** When technicians are at their desks; undefined settings mean always. */
export class BusinessHours {
  private readonly format?: Intl.DateTimeFormat;

  constructor(private readonly settings: BusinessHoursSettings | undefined) {
    if (settings) {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone: settings.timeZone,
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    }
  }

  get alwaysOpen(): boolean {
    return !this.settings;
  }

  isOpen(at: Date): boolean {
    if (!this.settings || !this.format) return true;
    const parts = Object.fromEntries(this.format.formatToParts(at).map((part) => [part.type, part.value]));
    const day = weekdayIndex[parts.weekday];
    const minutes = Number(parts.hour) * 60 + Number(parts.minute);
    return this.settings.days.includes(day) && minutes >= this.settings.open && minutes < this.settings.close;
  }

  /**
   * True when no opening time fell between `from` and `to`: a callback asked for then still waits for the next
   * opening. Checked every 5 minutes (opening hours are whole minutes, and no desk opens for less than that).
   */
  closedThroughout(from: Date, to: Date): boolean {
    if (!this.settings) return false;
    const step = 5 * 60_000;
    for (let at = from.getTime(); at < to.getTime(); at += step) if (this.isOpen(new Date(at))) return false;
    return !this.isOpen(to);
  }

  /** "Monday to Friday, 8:00 to 18:00 (America/Chicago)", from the content's words. */
  describe(messages: Messages['handoff']): string {
    if (!this.settings) return '';
    const { weekdays } = messages;
    const days = dayRuns(this.settings.days)
      .map(([first, last]) => (first === last ? weekdays[first] : fill(messages.dayRange, { first: weekdays[first], last: weekdays[last] })))
      .join(', ');
    return fill(messages.hours, {
      days,
      open: clockTime(this.settings.open),
      close: clockTime(this.settings.close),
      timeZone: this.settings.timeZone,
    });
  }
}
