/**
 * Start-up failures as one line each (src/startup.ts), table-driven; the token check and its
 * background retry with fakes. The real process is driven in test/robustness/startup.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { CatalogError } from '../src/catalog/loader.ts';
import {
  checkBotToken,
  describeStartupFailure,
  keepCheckingToken,
  StartupError,
  type TokenCheck,
} from '../src/startup.ts';
import { StoreError } from '../src/store/store.ts';

const context = { dataDir: 'data', databasePath: 'var/bot.db', port: 3000 };
const errno = (code: string, syscall?: string) =>
  Object.assign(new Error(`${code} happened`), { code, ...(syscall && { syscall }) });

describe('describeStartupFailure', () => {
  it.each([
    [errno('EADDRINUSE', 'listen'), /^port 3000 is already in use .*set PORT/],
    [errno('EACCES', 'listen'), /^port 3000 needs privileges/],
    [errno('SQLITE_CANTOPEN'), /^DATABASE_PATH "var\/bot.db" cannot be opened/],
    [errno('SQLITE_NOTADB'), /is not a SQLite database or is damaged/],
    [errno('SQLITE_CORRUPT'), /is not a SQLite database or is damaged/],
    [errno('SQLITE_READONLY'), /is read-only/],
    [errno('SQLITE_BUSY'), /is locked by another process/],
    [errno('ENOTDIR', 'mkdir'), /cannot create the folder of DATABASE_PATH/],
    [
      new StoreError('store: database schema is v9, newer'),
      /newer \(DATABASE_PATH "var\/bot.db"\)$/,
    ],
    [new CatalogError('catalog: no papers loaded from data: …'), /^catalog: no papers loaded/],
    [new StartupError('the token is wrong'), /^the token is wrong$/],
  ])('%s → one line', (error, pattern) => {
    const line = describeStartupFailure(error, context);
    expect(line).toMatch(pattern);
    expect(line).not.toContain('\n');
  });

  it.each([new TypeError('x is undefined'), errno('ENOENT', 'open'), 'a string'])(
    'anything else (%s) is a bug: undefined, so the stack is shown',
    (error) => {
      expect(describeStartupFailure(error, context)).toBeUndefined();
    },
  );
});

const slackError = (error: string) =>
  Object.assign(new Error(`An API error occurred: ${error}`), { data: { ok: false, error } });

describe('checkBotToken', () => {
  it('ok: the bot ids', async () => {
    const client = { auth: { test: async () => ({ user_id: 'U1', bot_id: 'B1' }) } };
    expect(await checkBotToken(client)).toEqual({ kind: 'ok', botId: 'B1', botUserId: 'U1' });
  });

  it.each(['invalid_auth', 'token_revoked', 'account_inactive'])(
    '%s: a StartupError naming it and the fix',
    async (code) => {
      const client = { auth: { test: () => Promise.reject(slackError(code)) } };
      await expect(checkBotToken(client)).rejects.toThrow(new RegExp(`\\(${code}\\).*: `));
    },
  );

  it('an HTML page: a StartupError naming SLACK_API_URL', async () => {
    const client = { auth: { test: () => Promise.reject(slackError('<!doctype html><p>hi')) } };
    await expect(checkBotToken(client, { apiUrl: 'http://proxy/api/' })).rejects.toThrow(
      /http:\/\/proxy\/api\/ answered with something that is not Slack's JSON.*SLACK_API_URL/,
    );
  });

  it('no answer in time, or a network error: unreachable, so the bot starts anyway', async () => {
    const hanging = { auth: { test: () => new Promise<never>(() => {}) } };
    expect(await checkBotToken(hanging, { timeoutMs: 20 })).toEqual({
      kind: 'unreachable',
      reason: 'no answer from Slack within 20 ms',
    });
    const refused = { auth: { test: () => Promise.reject(new Error('ECONNREFUSED')) } };
    expect((await checkBotToken(refused)).kind).toBe('unreachable');
  });
});

describe('keepCheckingToken', () => {
  const run = (answers: (TokenCheck | Error)[]) =>
    new Promise<string[]>((resolve) => {
      const events: string[] = [];
      const stop = keepCheckingToken({
        check: async () => {
          const next = answers.shift();
          if (next instanceof Error) throw next;
          return next ?? { kind: 'unreachable', reason: 'still' };
        },
        intervalMs: 1,
        onOk: () => {
          events.push('ok');
          resolve(events);
        },
        onRejected: (error) => {
          events.push(`rejected: ${error.message}`);
          resolve(events);
        },
        onStillUnreachable: (reason) => {
          events.push(`unreachable: ${reason}`);
          if (events.length > 5) {
            stop();
            resolve(events);
          }
        },
      });
    });

  it('checks until Slack answers, then stops', async () => {
    expect(
      await run([
        { kind: 'unreachable', reason: 'timeout' },
        { kind: 'ok', botId: 'B', botUserId: 'U' },
      ]),
    ).toEqual(['unreachable: timeout', 'ok']);
  });

  it('a rejection later is reported once', async () => {
    expect(await run([new StartupError('revoked')])).toEqual(['rejected: revoked']);
  });
});
