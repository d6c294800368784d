import type { TokenCredential } from '@azure/identity';
import { QueueClient, type StoragePipelineOptions } from '@azure/storage-queue';
import { decodeTimer, encodeTimer, type ReceivedTimer, type Timer, type TimerQueue } from './timerQueue';

/** The queue's account: its connection string (the account key), or its endpoint and an Entra ID credential. */
export type QueueAccount = { connectionString: string } | { endpoint: string; credential: TokenCredential };

export interface AzureTimerQueueOptions {
  account: QueueAccount;
  queueName: string;
  /** The clock due times are read on (the app's). */
  now: () => number;
  claimSeconds: number;
  /** Longest wait for one request, retries included. */
  requestTimeoutMs: number;
}

// Azure's longest visibility timeout; a timer due later comes back early and is scheduled again.
const maxDelaySeconds = 7 * 24 * 3600 - 1;
// Azure returns at most 32 messages per receive.
const maxBatch = 32;

// As for blobs: an unreachable account fails a call in seconds, not after the SDK's default retries.
const pipelineOptions: StoragePipelineOptions = {
  retryOptions: { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 1000, tryTimeoutInMs: 5000 },
};

/**
 * Timers as messages on an Azure Storage queue (the state's account unless QUEUE_CONNECTION_STRING says
 * otherwise): a timer is a message sent with a visibility timeout until its due time; receiving it hides
 * it for the claim time (so one instance handles it); completing deletes it. A message whose instance
 * dies before completing it reappears for another instance when the claim runs out.
 */
export class AzureTimerQueue implements TimerQueue {
  private queueClient?: QueueClient;
  private created?: Promise<unknown>;

  constructor(private readonly options: AzureTimerQueueOptions) {}

  /** Made on first use: a connection string the SDK cannot read fails ready() (start-up), not the constructor. */
  private get client(): QueueClient {
    const { account, queueName } = this.options;
    this.queueClient ??=
      'connectionString' in account
        ? new QueueClient(account.connectionString, queueName, pipelineOptions)
        : new QueueClient(`${account.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(queueName)}`, account.credential, pipelineOptions);
    return this.queueClient;
  }

  async ready(): Promise<void> {
    try {
      await this.ensureQueue();
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      throw new Error(`The timer queue (Azure queue "${this.options.queueName}") cannot be used: ${reason}`, { cause: error });
    }
  }

  private deadline() {
    return { abortSignal: AbortSignal.timeout(this.options.requestTimeoutMs) };
  }

  /** Creates the queue on first use; a failed attempt is tried again by the next call. */
  private ensureQueue(): Promise<unknown> {
    this.created ??= Promise.resolve()
      .then(() => this.client.createIfNotExists(this.deadline()))
      .catch((error: unknown) => {
        this.created = undefined;
        throw error;
      });
    return this.created;
  }

  async probe(): Promise<void> {
    await this.ensureQueue();
    await this.client.getProperties(this.deadline());
  }

  async schedule(timer: Timer): Promise<void> {
    await this.ensureQueue();
    const delay = Math.ceil((Date.parse(timer.dueAt) - this.options.now()) / 1000);
    await this.client.sendMessage(encodeTimer(timer), {
      visibilityTimeout: Math.min(Math.max(delay, 0), maxDelaySeconds),
      // Never expires on its own: it is deleted once handled.
      messageTimeToLive: -1,
      ...this.deadline(),
    });
  }

  async receiveDue(max: number): Promise<ReceivedTimer[]> {
    await this.ensureQueue();
    const response = await this.client.receiveMessages({
      numberOfMessages: Math.min(Math.max(max, 1), maxBatch),
      visibilityTimeout: this.options.claimSeconds,
      ...this.deadline(),
    });
    return response.receivedMessageItems.map((message) => ({
      timer: decodeTimer(message.messageText),
      receipt: JSON.stringify([message.messageId, message.popReceipt]),
    }));
  }

  async complete(received: ReceivedTimer): Promise<void> {
    const [messageId, popReceipt] = JSON.parse(received.receipt) as [string, string];
    try {
      await this.client.deleteMessage(messageId, popReceipt, this.deadline());
    } catch (error) {
      // Gone, or received again by another instance after the claim ran out (a new pop receipt): theirs now.
      const status = (error as { statusCode?: number }).statusCode;
      if (status !== 404 && status !== 400) throw error;
    }
  }

  async forgetCustomer(): Promise<void> {
    // A queue cannot be searched by customer: their timers find no progress when due and send nothing.
  }
}
