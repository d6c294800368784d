import { CallAutomationClient, CustomCallingContext } from '@azure/communication-call-automation';
import { createIdentifierFromRawId } from '@azure/communication-common';
import type { AcsClientArguments } from './acsAccess';
import type { PhoneSettings } from './settings';
import { transferTargetOf } from './transfer';

/** The operation contexts the bridge waits for in callbacks. */
export const operations = { listen: 'listen', beforeTransfer: 'before-transfer', goodbye: 'goodbye', transfer: 'transfer' } as const;

/** The Call Automation actions the bridge takes on a call (the SDK behind it). */
export interface CallControl {
  /** Answers with the callback URL ACS posts this call's events to; resolves with the call connection id. */
  answer(incomingCallContext: string, callbackUrl: string): Promise<string>;
  /** Plays the prompts (the caller may interrupt them) and listens for speech in `speechLanguage` (es-US) or one key. */
  listen(callConnectionId: string, callerRawId: string, prompts: string[], speechLanguage: string): Promise<void>;
  /** Plays the prompts to the call, uninterrupted; PlayCompleted carries `operationContext`. */
  say(callConnectionId: string, prompts: string[], operationContext: string): Promise<void>;
  transfer(callConnectionId: string, context: CustomCallingContext): Promise<void>;
  hangUp(callConnectionId: string): Promise<void>;
}

const ssmlSource = (ssmlText: string) => ({ kind: 'ssmlSource' as const, ssmlText });

export interface AcsCallControlOptions {
  settings: PhoneSettings;
  access: AcsClientArguments;
}

/** End of an utterance: long enough for a caller reading an error message aloud to pause between words. */
const endSilenceSeconds = 2;

export function acsCallControl({ settings, access }: AcsCallControlOptions): CallControl {
  const client =
    access.kind === 'key'
      ? new CallAutomationClient(access.connectionString, access.options)
      : new CallAutomationClient(access.endpoint, access.credential, access.options);
  const connection = (id: string) => client.getCallConnection(id);
  return {
    async answer(incomingCallContext, callbackUrl) {
      const answered = await client.answerCall(incomingCallContext, callbackUrl, {
        callIntelligenceOptions: { cognitiveServicesEndpoint: settings.cognitiveServicesEndpoint },
      });
      return answered.callConnectionProperties.callConnectionId!;
    },
    async listen(callConnectionId, callerRawId, prompts, speechLanguage) {
      await connection(callConnectionId)
        .getCallMedia()
        .startRecognizing(createIdentifierFromRawId(callerRawId), {
          kind: 'callMediaRecognizeSpeechOrDtmfOptions',
          playPrompts: prompts.length ? prompts.map(ssmlSource) : undefined,
          interruptPrompt: true,
          initialSilenceTimeoutInSeconds: settings.silenceSeconds,
          endSilenceTimeoutInSeconds: endSilenceSeconds,
          maxTonesToCollect: 1,
          speechLanguage,
          operationContext: operations.listen,
        });
    },
    async say(callConnectionId, prompts, operationContext) {
      await connection(callConnectionId).getCallMedia().playToAll(prompts.map(ssmlSource), { operationContext });
    },
    async transfer(callConnectionId, customCallingContext) {
      await connection(callConnectionId).transferCallToParticipant(transferTargetOf(settings.transferTarget), {
        customCallingContext,
        operationContext: operations.transfer,
      });
    },
    async hangUp(callConnectionId) {
      await connection(callConnectionId).hangUp(false);
    },
  };
}
