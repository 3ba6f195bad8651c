/**
 * The local console as a newcomer runs it: `printf '…' | npm start` with no Slack
 * credentials, as a real child process over the shipped data.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function runConsole(
  input: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATA_DIR: 'data',
    NO_COLOR: '1',
  };
  for (const name of [
    'SLACK_BOT_TOKEN',
    'SLACK_APP_TOKEN',
    'SLACK_SIGNING_SECRET',
    'DIGEST_CHANNEL',
  ])
    delete env[name];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end(input);
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('console (child process)', () => {
  it('answers piped /poster and @poster lines and exits when input ends', async () => {
    const { code, stdout, stderr } = await runConsole(
      '/poster vision transformer\n@poster papers by Cho-Jui Hsieh\n',
    );
    expect(code).toBe(0);
    expect(stderr).toContain('No Slack credentials set');
    const firstPage = stdout.slice(0, stdout.indexOf('posters by Cho-Jui Hsieh'));
    for (const title of ['EViT', 'RelViT', 'Patch-Fool', 'BEiT'])
      expect(firstPage).toContain(title);
    expect(stdout).toContain('4 posters by Cho-Jui Hsieh');
    expect(stdout).not.toContain('\u001b['); // NO_COLOR and a pipe: plain text
  });

  it('exits 1 naming what is missing for a half-configured Slack', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_APP_TOKEN: '',
        SLACK_SIGNING_SECRET: '',
      },
      stdio: 'pipe',
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/SLACK_APP_TOKEN|SLACK_SIGNING_SECRET/);
  });
});
