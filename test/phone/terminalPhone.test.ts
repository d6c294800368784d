import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

/** Runs `npm run call`'s script with the caller's lines on its input; resolves with everything it printed. */
function terminalCall(lines: string[], args: string[] = []): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--require', 'tsx/cjs', path.join(root, 'tools', 'call.ts'), ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', TMPDIR: process.env.TMPDIR ?? '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
    // One line at a time, each once the previous answer was printed (the prompt).
    let next = 0;
    child.stdout.on('data', () => {
      if (output.endsWith('You: ') && next < lines.length) child.stdin.write(`${lines[next++]}\n`);
    });
  });
}

test('npm run call: a terminal phone through the ACS stand-in shows what is spoken and every Call Automation request', async () => {
  const { code, output } = await terminalCall(['outlook express', '1', '', '', '0', 'quit']);
  expect(code).toBe(0);
  expect(output).toContain('[answerCall, callbacks to http://127.0.0.1:');
  expect(output).toContain("Stepwise (spoken): Hi, I'm Stepwise, the Internet America mail helper.");
  expect(output).toContain('Stepwise (spoken): Step 1 of 8. Click the Tools menu, then choose Accounts.');
  expect(output).toContain('[startRecognizing: speech or 1 key, barge-in on, 20 s of silence]');
  expect(output).toContain("Stepwise (spoken): Would you like a technician to help? Say technician, or press 0, and I'll put you through.");
  expect(output).toMatch(/\[transferCallToParticipant 4:\+18002324335\n {5}X-MS-Custom-Stepwise-Reference: SW-[2-9A-HJ-NP-Z]{6}\n {5}X-MS-Custom-Stepwise-Where: stuck at step 2 of 8/);
  expect(output).toContain('[the technicians have the call now; "call" to ring again]');
}, 60_000);
