import { Writable } from 'node:stream';
import { App, LogLevel } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { describeConfig, loadConfig } from '../src/config.ts';
import { createBoltLogger, createLogger } from '../src/log.ts';
import { createLogCapture, PINO_LEVEL } from './helpers/log-capture.ts';

const BOT = 'xoxb-1234-5678-SECRETBOT';
const APP = 'xapp-1-A0123-456-SECRETAPP';
const SECRET = 'abcdef0123456789SECRETSIGN';

/** A real writable stream collecting what a logger writes. */
function memoryStream() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** pino-pretty formats on a stream pipeline; wait until something arrived. */
async function settled(text: () => string): Promise<string> {
  for (let i = 0; i < 100 && text() === ''; i += 1) await new Promise((r) => setTimeout(r, 5));
  return text();
}

describe('createLogger', () => {
  it('writes one JSON object per line when not pretty', () => {
    const out = memoryStream();
    const log = createLogger({ level: 'info', pretty: false, destination: out.stream });
    log.info({ channel: 'C1', papers: 3 }, 'digest posted');
    const entry = JSON.parse(out.text());
    expect(entry).toMatchObject({
      level: PINO_LEVEL.info,
      channel: 'C1',
      papers: 3,
      msg: 'digest posted',
    });
  });

  it('writes human-readable lines through pino-pretty when pretty', async () => {
    const out = memoryStream();
    const log = createLogger({ level: 'info', pretty: true, destination: out.stream });
    log.info({ channel: 'C1' }, 'digest posted');
    const text = await settled(out.text);
    expect(text).toMatch(/INFO.*digest posted/);
    expect(text).toContain('channel: "C1"');
    expect(() => JSON.parse(text)).toThrow();
  });

  it('drops entries below the level', () => {
    const out = memoryStream();
    const log = createLogger({ level: 'warn', pretty: false, destination: out.stream });
    log.info('not shown');
    log.warn('shown');
    expect(out.text()).not.toContain('not shown');
    expect(out.text()).toContain('shown');
  });

  const config = loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP });
  const leaks: Array<{ name: string; fields: Record<string, unknown> }> = [
    { name: 'a token field', fields: { token: BOT } },
    { name: 'a signing secret field', fields: { signingSecret: SECRET } },
    { name: 'Bolt/WebClient options', fields: { options: { token: BOT, appToken: APP } } },
    { name: 'the raw config', fields: { config } },
    { name: 'the described config', fields: { config: describeConfig(config) } },
    { name: 'request headers', fields: { headers: { authorization: `Bearer ${BOT}` } } },
    { name: 'a request', fields: { req: { headers: { authorization: `Bearer ${BOT}` } } } },
  ];

  describe.each([false, true])('pretty: %s', (pretty) => {
    it.each(leaks)('redacts $name', async ({ fields }) => {
      const out = memoryStream();
      const log = createLogger({ level: 'info', pretty, destination: out.stream });
      log.info(fields, 'starting');
      const text = await settled(out.text);
      expect(text).toContain('starting');
      expect(text).toContain('[redacted]');
      for (const secret of ['SECRETBOT', 'SECRETAPP', 'SECRETSIGN'])
        expect(text).not.toContain(secret);
    });
  });
});

describe('createBoltLogger', () => {
  const boom = new Error('socket hang up');

  const calls: Array<{
    name: string;
    call: (bolt: ReturnType<typeof createBoltLogger>) => void;
    expected: Record<string, unknown>;
  }> = [
    {
      name: "Bolt's error(msg, err): the error under err",
      call: (bolt) => bolt.error('An unhandled error occurred', boom),
      expected: {
        level: PINO_LEVEL.error,
        msg: 'An unhandled error occurred',
        err: expect.objectContaining({
          type: 'Error',
          message: 'socket hang up',
          stack: expect.any(String),
        }),
      },
    },
    {
      name: 'a lone error: its message becomes the message',
      call: (bolt) => bolt.error(boom),
      expected: {
        msg: 'socket hang up',
        err: expect.objectContaining({ message: 'socket hang up' }),
      },
    },
    {
      name: 'several strings are joined',
      call: (bolt) => bolt.warn('http request failed', 'connect ECONNREFUSED'),
      expected: { level: PINO_LEVEL.warn, msg: 'http request failed connect ECONNREFUSED' },
    },
    {
      name: 'numbers and booleans join the message',
      call: (bolt) => bolt.info('retry', 2, 'of', 3, true),
      expected: { level: PINO_LEVEL.info, msg: 'retry 2 of 3 true' },
    },
    {
      name: 'objects go under details, never over our top-level fields',
      call: (bolt) => bolt.debug('payload', { msg: 'user text', level: 99 }),
      expected: {
        level: PINO_LEVEL.debug,
        msg: 'payload',
        details: [{ msg: 'user text', level: 99 }],
      },
    },
    {
      name: 'a second error is kept in details',
      call: (bolt) => bolt.error('two failures', boom, new TypeError('bad')),
      expected: {
        err: expect.objectContaining({ message: 'socket hang up' }),
        details: [expect.objectContaining({ type: 'TypeError', message: 'bad' })],
      },
    },
  ];

  it.each(calls)('$name', ({ call, expected }) => {
    const logs = createLogCapture('debug');
    call(createBoltLogger(logs.logger));
    expect(logs.entries()).toEqual([expect.objectContaining({ module: 'bolt', ...expected })]);
  });

  it('reports and changes its own level without touching the root logger', () => {
    const logs = createLogCapture('debug');
    const bolt = createBoltLogger(logs.logger);
    expect(bolt.getLevel()).toBe(LogLevel.DEBUG);
    bolt.setLevel(LogLevel.ERROR);
    expect(bolt.getLevel()).toBe(LogLevel.ERROR);
    bolt.warn('quiet now');
    logs.logger.info('root still talks');
    expect(logs.entries().map((e) => e.msg)).toEqual(['root still talks']);
  });

  it.each([
    ['trace', LogLevel.DEBUG],
    ['fatal', LogLevel.ERROR],
    ['silent', LogLevel.ERROR],
  ] as const)('maps pino level %s to Bolt level %s', (level, expected) => {
    expect(createBoltLogger(createLogCapture(level).logger).getLevel()).toBe(expected);
  });

  it('names its lines after setName and keeps its level', () => {
    const logs = createLogCapture('debug');
    const bolt = createBoltLogger(logs.logger);
    bolt.setLevel(LogLevel.WARN);
    bolt.setName('socket-mode');
    bolt.info('dropped');
    bolt.warn('reconnecting');
    expect(logs.entries()).toEqual([
      expect.objectContaining({ name: 'socket-mode', msg: 'reconnecting' }),
    ]);
  });

  it('is accepted by Bolt as its logger, errors included', async () => {
    const logs = createLogCapture('info');
    const app = new App({
      token: 'xoxb-1-2-3',
      botId: 'B1',
      botUserId: 'U1',
      signingSecret: 'secret',
      logger: createBoltLogger(logs.logger),
      logLevel: LogLevel.INFO,
    });
    app.use(async () => {
      throw boom;
    });
    await app
      .processEvent({
        body: { type: 'event_callback', event: { type: 'app_mention' } },
        ack: async () => {},
      })
      .catch(() => undefined);
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({
        module: 'bolt',
        err: expect.objectContaining({ message: 'socket hang up' }),
      }),
    );
  });
});
