/** Sends a text message (SMS) to a phone number; rejects when it was not accepted for delivery. */
export interface TextMessageSender {
  send(to: string, text: string): Promise<void>;
}
