import type { Content } from '../content/loader';
import type { MessageName, StepContent } from '../content/schema';
import type { Entities } from '../understanding/entities';

/** What a value the customer says they see means for the step they are on. */
export type StepValueVerdict = { kind: 'right' } | { kind: 'wrong'; message: MessageName; observed: string } | { kind: 'unknown' };

/**
 * Compares what a box shows ("it says mail.airmail.net", "it just says bob") with what the step wants:
 * the ISP's outgoing server, or a full address at the ISP's domain.
 */
export function compareWithStep(step: StepContent, entities: Entities, content: Content): StepValueVerdict {
  const { smtpServer, mailDomain } = content.isp;
  switch (step.expects?.kind) {
    case 'server':
      if (!entities.server) return { kind: 'unknown' };
      return entities.server === smtpServer.toLowerCase() ? { kind: 'right' } : { kind: 'wrong', message: 'serverWrong', observed: entities.server };
    case 'address':
      if (entities.email) {
        return entities.email.endsWith(`@${mailDomain.toLowerCase()}`)
          ? { kind: 'right' }
          : { kind: 'wrong', message: 'addressOtherDomain', observed: entities.email };
      }
      if (entities.name) return { kind: 'wrong', message: 'addressAddDomain', observed: entities.name };
      return { kind: 'unknown' };
    default:
      return { kind: 'unknown' };
  }
}
