/**
 * What the conversation wants to say, with no idea of the channel it goes to.
 * The renderer turns it into an activity for Web Chat, Teams, voice or plain text.
 */
export interface ReplyChoice {
  /** What the button shows and a voice reads. */
  label: string;
  /** The text the bot receives when the button is pressed (understood like typed text). */
  value: string;
}

export interface Reply {
  /** May contain **bold** for names on screen (menus, buttons, fields); other channels drop the markup. */
  text: string;
  /** A shorter sentence for voice; defaults to `text` without markup. */
  spoken?: string;
  choices?: ReplyChoice[];
  /**
   * Where choices cannot be shown (voice): said instead of reading every choice out ("Say done when you've
   * finished, or help."). Absent: the choices are read.
   */
  voicePrompt?: string;
  /** True when the bot now waits for the customer (input hint for voice and accessibility). */
  expectsReply: boolean;
}

export function reply(text: string, options: Partial<Omit<Reply, 'text'>> = {}): Reply {
  return { text, expectsReply: false, ...options };
}
