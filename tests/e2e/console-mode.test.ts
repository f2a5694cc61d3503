import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR } from './app-harness.js';
import { captureOutput, useStateDir } from './child-process.js';

const stateDir = useStateDir('newsbot-console-');

/**
 * Runs `serve` with no Slack credentials, lines on a pipe as standard input: through tsx as
 * `npm start` does, or through the `newsbot` bin.
 */
function runConsole(
  lines: string[],
  via: 'tsx' | 'bin' = 'tsx',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SLACK_')));
  const [command, ...args] =
    via === 'tsx' ? ['npx', 'tsx', 'src/main.ts'] : [process.execPath, 'bin/newsbot.js'];
  const child = spawn(command as string, [...args, 'serve', '--data', FIXTURE_DIR], {
    env: { ...env, STATE_DIR: stateDir(), LOG_LEVEL: 'warn', NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output = captureOutput(child);
  child.stdin.end(lines.map((l) => `${l}\n`).join(''));
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ code, stdout: output.out(), stderr: output.err() })),
  );
}

describe('console mode', () => {
  it('answers commands, mentions, help and more through a pipe, then exits 0 at end of input', async () => {
    const { code, stdout } = await runConsole([
      '/news bushfire',
      'more',
      '@newsbot what did Albanese say?',
      'help',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('console mode');
    expect(stdout).toContain('10 articles');
    const [, firstPage = '', rest = ''] = stdout.split(/Top stories for bushfire/);
    expect(firstPage).toContain('Stories 1–5 of 8');
    expect(firstPage).toContain('[More] [Share to channel]');
    expect(firstPage).toMatch(/\(https:\/\/news\.example\.com\/bushfire\/\d\)/);
    expect(rest).toContain('Stories 6–8 of 8');
    expect(stdout).toContain('Albanese says Australia stands with Ukraine');
    expect(stdout).toContain('Query language');
    expect(stdout).not.toContain('> ');
  });

  it('"more" and "share" follow the last /news answer, even after a mention in between', async () => {
    const { code, stdout } = await runConsole([
      '/news bushfire',
      '@newsbot what did Albanese say?',
      'more',
      'share',
    ]);
    expect(code).toBe(0);
    const [, afterMention = ''] = stdout.split('Albanese says Australia stands with Ukraine');
    expect(afterMention).toContain('Stories 6–8 of 8');
    expect(afterMention).toMatch(/shared by/i);
  });

  it('runs the same through the newsbot bin (the newsroom worker starts there too)', async () => {
    const { code, stdout, stderr } = await runConsole(['/news bushfire'], 'bin');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('10 articles');
    expect(stdout).toContain('Stories 1–5 of 8');
  });

  it('stops at quit and says so politely when there is nothing to page', async () => {
    const { code, stdout } = await runConsole(['more', 'quit', '/news bushfire']);
    expect(code).toBe(0);
    expect(stdout).toContain('Nothing more to show');
    expect(stdout).not.toContain('Top stories for bushfire');
  });

  it('says the last answer had no more stories, not "ask first", after a one-page answer', async () => {
    const { code, stdout } = await runConsole(['/news drought', 'more']);
    expect(code).toBe(0);
    expect(stdout).toContain('Nothing more to show: the last answer has no more stories.');
  });
});
