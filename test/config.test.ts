import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { type Config, ConfigError, describeConfig, type Env, loadConfig } from '../src/config.ts';

const BOT = 'xoxb-1234-5678-abcDEF';
const APP = 'xapp-1-A0123-456-abcdef0123';
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

/** The problems `loadConfig(env)` reports, as `VARIABLE: message` strings. */
function problemsOf(env: Env): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError)
      return error.problems.map((p) => `${p.variable}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('loadConfig: mode', () => {
  const cases: Array<{ name: string; env: Env; expected: Config['slack'] }> = [
    { name: 'no Slack variables → console', env: {}, expected: { mode: 'console' } },
    {
      name: 'bot + app token → Socket Mode',
      env: { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP },
      expected: { mode: 'socket', botToken: BOT, appToken: APP, apiUrl: undefined },
    },
    {
      name: 'all three with SLACK_MODE=socket → Socket Mode',
      env: {
        SLACK_BOT_TOKEN: BOT,
        SLACK_APP_TOKEN: APP,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_MODE: 'socket',
      },
      expected: { mode: 'socket', botToken: BOT, appToken: APP, apiUrl: undefined },
    },
    {
      name: 'all three with SLACK_MODE=http → HTTP',
      env: {
        SLACK_BOT_TOKEN: BOT,
        SLACK_APP_TOKEN: APP,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_MODE: 'HTTP',
      },
      expected: {
        mode: 'http',
        botToken: BOT,
        signingSecret: SECRET,
        port: 3000,
        apiUrl: undefined,
      },
    },
    {
      name: 'bot token + signing secret → HTTP on port 3000',
      env: { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET },
      expected: {
        mode: 'http',
        botToken: BOT,
        signingSecret: SECRET,
        port: 3000,
        apiUrl: undefined,
      },
    },
    {
      name: 'HTTP on PORT, API URL normalised with a trailing slash',
      env: {
        SLACK_BOT_TOKEN: BOT,
        SLACK_SIGNING_SECRET: SECRET,
        PORT: '8080',
        SLACK_API_URL: 'http://127.0.0.1:9999/api',
      },
      expected: {
        mode: 'http',
        botToken: BOT,
        signingSecret: SECRET,
        port: 8080,
        apiUrl: 'http://127.0.0.1:9999/api/',
      },
    },
    {
      name: 'empty values count as unset (FOO= in a .env file)',
      env: { SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '  ', SLACK_SIGNING_SECRET: '' },
      expected: { mode: 'console' },
    },
  ];
  it.each(cases)('$name', ({ env, expected }) => {
    expect(loadConfig(env).slack).toEqual(expected);
  });
});

describe('loadConfig: defaults', () => {
  it('fills every optional variable with its documented default', () => {
    expect(loadConfig({})).toEqual({
      slack: { mode: 'console' },
      dataDir: 'data',
      databasePath: 'var/poster-bot.db',
      cacheDir: 'var/cache',
      log: { level: 'info', pretty: false },
      timeZone: 'UTC',
      digest: undefined,
      resultsPerPage: 5,
      organisers: [],
      reminders: { leadMs: 15 * 60_000 },
    });
  });

  it('reads every optional variable', () => {
    const config = loadConfig({
      DATA_DIR: '/srv/data',
      DATABASE_PATH: ':memory:',
      CACHE_DIR: 'off',
      LOG_LEVEL: 'DEBUG',
      NODE_ENV: 'development',
      DIGEST_CHANNEL: 'C0123ABCD',
      DIGEST_TIME: '7:05',
      DIGEST_TIMEZONE: 'europe/vienna',
      RESULTS_PER_PAGE: '10',
      ORGANISERS: 'U0ORG0001, W0ORG0002,U0ORG0001',
      REMINDER_LEAD: '5',
    });
    expect(config).toEqual({
      slack: { mode: 'console' },
      dataDir: '/srv/data',
      databasePath: ':memory:',
      cacheDir: undefined,
      log: { level: 'debug', pretty: true },
      timeZone: 'Europe/Vienna',
      digest: { channel: 'C0123ABCD', time: { hour: 7, minute: 5 }, timeZone: 'Europe/Vienna' },
      resultsPerPage: 10,
      organisers: ['U0ORG0001', 'W0ORG0002'],
      reminders: { leadMs: 5 * 60_000 },
    });
  });

  it.each(['production', 'test', 'Development'])('NODE_ENV=%s keeps JSON logs', (NODE_ENV) => {
    expect(loadConfig({ NODE_ENV }).log.pretty).toBe(false);
  });
});

describe('loadConfig: problems', () => {
  const cases: Array<{ name: string; env: Env; expected: string[] }> = [
    {
      name: 'bot token, app token and signing secret without SLACK_MODE: no silent pick',
      env: { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: SECRET },
      expected: [
        'SLACK_MODE: SLACK_APP_TOKEN (Socket Mode) and SLACK_SIGNING_SECRET (HTTP mode) are both set',
      ],
    },
    {
      name: 'SLACK_MODE naming a mode whose credential is missing',
      env: { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_MODE: 'http' },
      expected: ['SLACK_MODE: is http, which needs SLACK_SIGNING_SECRET'],
    },
    {
      name: 'SLACK_MODE neither socket nor http',
      env: { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_MODE: 'websocket' },
      expected: ['SLACK_MODE: expected socket or http, got "websocket"'],
    },
    {
      name: 'SLACK_API_URL with a user and password',
      env: {
        SLACK_BOT_TOKEN: BOT,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: 'https://ops:hunter2@proxy.example/api/',
      },
      expected: ['SLACK_API_URL: must not contain a user name or password'],
    },
    {
      name: 'bot token alone',
      env: { SLACK_BOT_TOKEN: BOT },
      expected: ['SLACK_BOT_TOKEN: is set alone: add SLACK_APP_TOKEN'],
    },
    {
      name: 'app token alone',
      env: { SLACK_APP_TOKEN: APP },
      expected: ['SLACK_BOT_TOKEN: missing: SLACK_APP_TOKEN is set'],
    },
    {
      name: 'signing secret alone',
      env: { SLACK_SIGNING_SECRET: SECRET },
      expected: ['SLACK_BOT_TOKEN: missing: SLACK_SIGNING_SECRET is set'],
    },
    {
      name: 'app token + signing secret without a bot token',
      env: { SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: SECRET },
      expected: ['SLACK_BOT_TOKEN: missing: SLACK_APP_TOKEN and SLACK_SIGNING_SECRET are set'],
    },
    {
      name: 'a user token where the bot token goes',
      env: { SLACK_BOT_TOKEN: 'xoxp-1-2-3', SLACK_APP_TOKEN: APP },
      expected: [
        'SLACK_BOT_TOKEN: expected a bot token starting with xoxb-',
        'got a user token (xoxp-…)',
      ],
    },
    {
      name: 'a bot token with a stray quote',
      env: { SLACK_BOT_TOKEN: `"${BOT}"`, SLACK_APP_TOKEN: APP },
      expected: ['SLACK_BOT_TOKEN: expected a bot token', 'quotes or spaces'],
    },
    {
      name: 'the bot token pasted as app token',
      env: { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: BOT },
      expected: [
        'SLACK_APP_TOKEN: expected an app-level token starting with xapp-',
        'got a bot token',
      ],
    },
    {
      name: 'a token pasted as signing secret',
      env: { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: APP },
      expected: ['SLACK_SIGNING_SECRET: expected the Signing Secret', 'got an app-level token'],
    },
    {
      name: 'port out of range',
      env: { PORT: '70000' },
      expected: ['PORT: expected an integer from 0 to 65535, got "70000"'],
    },
    { name: 'port not a number', env: { PORT: '80a' }, expected: ['PORT: expected an integer'] },
    {
      name: 'API URL not http(s)',
      env: { SLACK_API_URL: 'ftp://slack.com/api/' },
      expected: ['SLACK_API_URL: expected an http(s) URL'],
    },
    {
      name: 'API URL not a URL',
      env: { SLACK_API_URL: 'slack.com/api' },
      expected: ['SLACK_API_URL: expected an http(s) URL', '"slack.com/api"'],
    },
    {
      name: 'unknown log level',
      env: { LOG_LEVEL: 'verbose' },
      expected: ['LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent'],
    },
    {
      name: 'channel name instead of id',
      env: { DIGEST_CHANNEL: '#posters' },
      expected: ['DIGEST_CHANNEL: expected a channel id such as C0123ABCD', '"#posters"'],
    },
    {
      name: 'time past 23:59',
      env: { DIGEST_TIME: '24:00' },
      expected: ['DIGEST_TIME: expected a 24-hour time'],
    },
    {
      name: 'time with seconds',
      env: { DIGEST_TIME: '08:00:00' },
      expected: ['DIGEST_TIME: expected'],
    },
    {
      name: 'unknown time zone',
      env: { DIGEST_TIMEZONE: 'Mars/Olympus_Mons' },
      expected: ['DIGEST_TIMEZONE: expected an IANA time zone', '"Mars/Olympus_Mons"'],
    },
    {
      name: 'results per page 0',
      env: { RESULTS_PER_PAGE: '0' },
      expected: ['RESULTS_PER_PAGE: expected an integer from 1 to 10'],
    },
    {
      name: 'results per page 11',
      env: { RESULTS_PER_PAGE: '11' },
      expected: ['RESULTS_PER_PAGE: expected an integer from 1 to 10'],
    },
    {
      name: 'reminder lead 0',
      env: { REMINDER_LEAD: '0' },
      expected: ['REMINDER_LEAD: expected an integer from 1 to 1440', '"0"'],
    },
    {
      name: 'reminder lead with a unit',
      env: { REMINDER_LEAD: '15m' },
      expected: ['REMINDER_LEAD: expected an integer from 1 to 1440', '"15m"'],
    },
  ];

  it.each(cases)('$name', ({ env, expected }) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    for (const part of expected) expect(problems[0]).toContain(part);
  });

  it('reports every problem at once, in one error naming each variable', () => {
    const env = {
      SLACK_APP_TOKEN: APP,
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      DIGEST_TIME: 'noon',
      RESULTS_PER_PAGE: '50',
    };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(
      problemsOf(env)
        .map((p) => p.split(':')[0])
        .sort(),
    ).toEqual(['DIGEST_TIME', 'LOG_LEVEL', 'PORT', 'RESULTS_PER_PAGE', 'SLACK_BOT_TOKEN']);
    expect(() => loadConfig(env)).toThrow(/^config: 5 problems in the environment:\n {2}- /);
  });

  it('never echoes a password given in SLACK_API_URL, valid or not', () => {
    for (const url of ['https://ops:hunter2@proxy.example/api/', 'ht tp://ops:hunter2@x']) {
      expect(() =>
        loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: url }),
      ).toThrow(/SLACK_API_URL/);
      try {
        loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: url });
      } catch (error) {
        expect((error as Error).message).not.toContain('hunter2');
      }
    }
  });

  it('never echoes a secret in an error message', () => {
    const secrets = [
      'xoxp-999-888-USERSECRET',
      'xoxb-bad token SECRETBOT',
      'not-a-secret SECRETSIGN',
    ];
    let message = '';
    try {
      loadConfig({
        SLACK_BOT_TOKEN: secrets[1],
        SLACK_APP_TOKEN: secrets[0],
        SLACK_SIGNING_SECRET: secrets[2],
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('SLACK_BOT_TOKEN');
    expect(message).toContain('SLACK_APP_TOKEN');
    expect(message).toContain('SLACK_SIGNING_SECRET');
    for (const secret of ['USERSECRET', 'SECRETBOT', 'SECRETSIGN'])
      expect(message).not.toContain(secret);
  });
});

describe('describeConfig', () => {
  it.each([
    { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP },
    { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, PORT: '4000' },
  ])('redacts the credentials and keeps the rest (%#)', (env) => {
    const config = loadConfig({ ...env, DIGEST_CHANNEL: 'C0123ABCD' });
    const described = JSON.stringify(describeConfig(config));
    for (const secret of [BOT, APP, SECRET]) expect(described).not.toContain(secret);
    expect(described).toContain('[redacted]');
    expect(described).toContain(`"mode":"${config.slack.mode}"`);
    expect(described).toContain('"channel":"C0123ABCD"');
  });

  it('leaves the config it describes untouched', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP });
    describeConfig(config);
    expect(config.slack).toMatchObject({ botToken: BOT, appToken: APP });
  });
});

describe('.env.example', () => {
  const example = parse(readFileSync(new URL('../.env.example', import.meta.url)));

  it('documents exactly the variables loadConfig reads', () => {
    const read = new Set<string>();
    loadConfig(
      new Proxy({} as Env, {
        get: (_target, name) => {
          if (typeof name === 'string') read.add(name);
          return undefined;
        },
      }),
    );
    expect(Object.keys(example).sort()).toEqual([...read].sort());
  });

  it('is a valid configuration as it stands (the local console)', () => {
    expect(loadConfig(example).slack).toEqual({ mode: 'console' });
  });
});

describe('loadConfig: time zone', () => {
  it('keeps DIGEST_TIMEZONE without a digest channel: it is also what /poster today means', () => {
    const config = loadConfig({ DIGEST_TIMEZONE: 'Asia/Tokyo' });
    expect(config.timeZone).toBe('Asia/Tokyo');
    expect(config.digest).toBeUndefined();
  });
});
