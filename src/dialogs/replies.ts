import { Reply, ReplyChoice } from '../channels/reply';
import { stripMarkup } from '../channels/markup';
import type { Content } from '../content/loader';
import { fill } from '../content/placeholders';
import type { ButtonName, ClientContent, MessageName, voicePromptNames } from '../content/schema';
import type { Intent } from '../content/understandingSchema';

type VoicePromptName = (typeof voicePromptNames)[number];

/** Something said before a reminder or a question: an answer, an acknowledgement, a warning. */
export interface Lead {
  text: string;
  spoken?: string;
}

const built = new WeakMap<Content, Replies>();

/** Builds the channel-neutral replies of the conversation from the content files. */
export class Replies {
  constructor(private readonly content: Content) {}

  /** The replies in this content's language, built once. */
  static of(content: Content): Replies {
    let replies = built.get(content);
    if (!replies) {
      replies = new Replies(content);
      built.set(content, replies);
    }
    return replies;
  }

  private get messages() {
    return this.content.messages;
  }

  text(name: MessageName, values: Record<string, string | number | undefined> = {}): string {
    return fill(this.messages[name], values);
  }

  /** The words a voice says for this message, when they differ from the text ("Pick one below" is not said). */
  spoken(name: MessageName | VoicePromptName, values: Record<string, string | number | undefined> = {}): string | undefined {
    const variant = this.messages.spoken[name];
    return variant === undefined ? undefined : fill(variant, values);
  }

  button(name: ButtonName): ReplyChoice {
    const label = this.messages.buttons[name];
    return { label, value: label };
  }

  info(name: MessageName, values: Record<string, string | number | undefined> = {}): Reply {
    return { text: this.text(name, values), spoken: this.spoken(name, values), expectsReply: false };
  }

  question(name: MessageName, values: Record<string, string | number | undefined> = {}, buttons: ButtonName[] = []): Reply {
    return { text: this.text(name, values), spoken: this.spoken(name, values), expectsReply: true, choices: buttons.map((b) => this.button(b)) };
  }

  lead(name: MessageName, values: Record<string, string | number | undefined> = {}): Lead {
    return { text: this.text(name, values), spoken: this.spoken(name, values) };
  }

  /** Several leads and a question as one reply ("Hi, I'm Stepwise. ... Which mail program do you use?"). */
  joined(leads: Lead[], reply: Reply): Reply {
    if (!leads.length) return reply;
    const text = [...leads.map((l) => l.text), reply.text].join(' ');
    const spoken = [...leads.map((l) => l.spoken ?? stripMarkup(l.text)), reply.spoken ?? stripMarkup(reply.text)].join(' ');
    return { ...reply, text, spoken };
  }

  /** `lead` said first, then `reply` (its question and buttons): "SMTP is ... You're still on step 3 ...". */
  withLead(lead: Lead | undefined, reply: Reply): Reply {
    if (!lead) return reply;
    const spoken = `${lead.spoken ?? stripMarkup(lead.text)} ${reply.spoken ?? stripMarkup(reply.text)}`;
    return { ...reply, text: `${lead.text}\n\n${reply.text}`, spoken };
  }

  /** The clients offered in the first question; the other procedures (versions, generic) are reached by name. */
  private get listedClients(): ClientContent[] {
    return this.content.clients.filter((client) => client.listed);
  }

  clientChoices(): ReplyChoice[] {
    return [...this.listedClients.map((client) => ({ label: client.displayName, value: client.displayName })), this.button('otherProgram')];
  }

  /** The first question, with a way to change language (the other language's name, in itself: "Español"). */
  askClient(lead: Lead[]): Reply {
    return this.joined(lead, { text: this.text('askClient'), expectsReply: true, choices: [...this.clientChoices(), this.button('otherLanguage')] });
  }

  stepButtons(): ReplyChoice[] {
    return [this.button('done'), this.button('help'), this.button('technician')];
  }

  /**
   * "Step n of m: ..." with Done, Help and technician. `readChoices`: a voice reads those choices out (the
   * first step, or when asked again); otherwise it only says the short prompt.
   */
  step(client: ClientContent, index: number, lead?: string, readChoices = false): Reply {
    const step = client.steps[index];
    const heading = this.text('stepHeading', { n: index + 1, total: client.steps.length });
    const spoken = `${heading}. ${step.spoken ?? stripMarkup(step.text)}`;
    return {
      text: `${lead ? `${lead}\n\n` : ''}**${heading}:** ${step.text}`,
      spoken: lead ? `${stripMarkup(lead)} ${spoken}` : spoken,
      expectsReply: true,
      choices: this.stepButtons(),
      voicePrompt: readChoices ? undefined : this.spoken('voiceStepPrompt'),
    };
  }

  hint(client: ClientContent, index: number): Reply {
    const intro = this.text('hintIntro', { n: index + 1 });
    return { text: `${intro} ${client.steps[index].hint}`, expectsReply: true, choices: this.stepButtons(), voicePrompt: this.spoken('voiceStepPrompt') };
  }

  stepReminder(name: MessageName, index: number): Reply {
    const values = { n: index + 1 };
    return { text: this.text(name, values), spoken: this.spoken(name, values), expectsReply: true, choices: this.stepButtons(), voicePrompt: this.spoken('voiceStepPrompt') };
  }

  /** One line that says where the customer still is, with the step's buttons: after an answer or a warning. */
  stepLine(client: ClientContent, index: number): Reply {
    const step = client.steps[index];
    const values = { n: index + 1, total: client.steps.length, title: step.title };
    return {
      text: this.text('answerReminder', values),
      spoken: this.text('answerReminderSpoken', values),
      expectsReply: true,
      choices: this.stepButtons(),
      voicePrompt: this.spoken('voiceStepPrompt'),
    };
  }

  /** "Is it one of these?" with a button for each reading of an unclear message, then the usual `buttons`. */
  clarify(intents: Intent[], buttons: ReplyChoice[] = []): Reply {
    const labels = this.content.understanding.intents.clarifyLabels;
    const readings = intents.flatMap((intent) => (labels[intent] ? [{ label: labels[intent]!, value: labels[intent]! }] : []));
    const choices = [...readings, ...buttons.filter((button) => !readings.some((reading) => reading.label === button.label))];
    const name = readings.length ? 'clarify' : 'notUnderstoodStep';
    return { text: this.text(name), spoken: this.spoken(name), expectsReply: true, choices };
  }

  /** The buttons offered with a question: labels and the text pressing one sends. */
  buttons(names: ButtonName[]): ReplyChoice[] {
    return names.map((name) => this.button(name));
  }

  supportedClientNames(): string {
    const names = this.listedClients.map((client) => client.displayName);
    if (names.length === 1) return names[0];
    return this.text('listJoin', { items: names.slice(0, -1).join(', '), last: names[names.length - 1] });
  }
}
