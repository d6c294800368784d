import { loadConfig } from '../../src/config/config';
import { loadContent } from '../../src/content/loader';

const content = loadContent(loadConfig({}).isp);
/** A caller cannot scroll back: a spoken sentence longer than this is hard to hold in mind. */
const maxWordsPerSentence = 20;

describe('spoken content for voice channels', () => {
  const steps = content.clients.flatMap((client) => client.steps.map((step, i) => ({ where: `${client.id} step ${i + 1}`, step })));

  test.each(steps)('$where has a spoken version of short sentences without markup or raw host names', ({ step }) => {
    expect(step.spoken).toBeDefined();
    for (const sentence of step.spoken!.split(/(?<=[.?!])\s+/)) {
      expect(sentence.split(/\s+/).length).toBeLessThanOrEqual(maxWordsPerSentence);
    }
    expect(step.spoken).not.toContain('**');
    expect(step.spoken).not.toMatch(/[a-z]\.[a-z]/i);
  });
});
