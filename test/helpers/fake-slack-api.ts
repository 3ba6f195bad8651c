/**
 * A fake Slack Web API on loopback: a plain http server that records every call the bot makes
 * and answers like Slack does, or fails on request. Point `clientOptions.slackApiUrl` at
 * `fake.apiUrl` and use `fake.responseUrl()` as a payload's `response_url`.
 */
import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** One request the bot made: a Web API method call or a post to a response_url. */
export interface RecordedRequest {
  /** The API method (`chat.postMessage`) or `response_url`. */
  target: string;
  /** For response_url posts, the id in `/response/<id>`. */
  responseId?: string;
  /** Form or JSON body; `blocks` and `attachments` JSON-decoded when sent as strings. */
  params: Record<string, unknown>;
  authorization: string | undefined;
  contentType: string | undefined;
}

/** How the fake answers a scripted target. */
export type FakeAnswer =
  | { kind: 'ok' }
  /** HTTP 200 `{ ok: false, error }`, e.g. `not_in_channel`. */
  | { kind: 'slack_error'; error: string }
  /** HTTP 429 with `Retry-After`. */
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  /** Any other HTTP status, e.g. 500. */
  | { kind: 'http_status'; status: number };

export interface ScriptOptions {
  /** Wait this long before answering (the request is recorded on arrival). */
  delayMs?: number;
  /** Applies to this many requests, then the next script (or `ok`) takes over. */
  times?: number;
}

export const RESPONSE_URL_TARGET = 'response_url';

export interface FakeSlackApi {
  /** Base URL for `slackApiUrl`, ending in `/api/`. */
  apiUrl: string;
  /** A response_url on this fake; posts to it are recorded with target `response_url`. */
  responseUrl(id?: string): string;
  /** Everything received so far, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** Requests to one method (or `response_url`). */
  callsTo(target: string): RecordedRequest[];
  /** Changes how `target` is answered (an API method or `response_url`). */
  script(target: string, answer: FakeAnswer, options?: ScriptOptions): void;
  /**
   * Messages `chat.postMessage` accepted, in order: stored when the request arrives (before a
   * scripted delay), as Slack shows a message before its answer reaches a slow client.
   * `conversations.history` and `conversations.replies` answer from them, metadata included.
   */
  readonly messages: readonly FakeMessage[];
  /** Requests to `target` received and not answered yet (delayed, or the client went away). */
  unanswered(target: string): number;
  /** Resolves once `target` has received `count` requests; rejects after `timeoutMs`. */
  waitForCalls(target: string, count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  /** Files uploaded through files.getUploadURLExternal and its upload URL, in order. */
  readonly uploads: readonly FakeUpload[];
  close(): Promise<void>;
}

/**
 * A file uploaded the way Slack's external upload works: `files.getUploadURLExternal` gave an
 * `upload_url` on this fake, the bytes were POSTed there, `files.completeUploadExternal` shared
 * it (`completed`: the channel and title it was given).
 */
export interface FakeUpload {
  fileId: string;
  filename: string;
  /** The length announced to files.getUploadURLExternal. */
  length: number;
  /** What arrived at the upload URL, if anything yet. */
  bytes?: Buffer;
  completed?: { channelId: string; title: string | undefined; initialComment?: string };
}

/** The DM channel id the fake's `conversations.open` gives a user: `D` + the user id. */
export const fakeDmChannel = (userId: string): string => `D${userId}`;

/** A message as the fake keeps it. */
export interface FakeMessage {
  channel: string;
  ts: string;
  text: unknown;
  thread_ts?: string;
  metadata?: { event_type?: string; event_payload?: unknown };
}

/** Page size of the fake's `conversations.*` answers, small so that paging is exercised. */
export const FAKE_HISTORY_PAGE = 50;

interface Script {
  answer: FakeAnswer;
  delayMs: number;
  remaining: number;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a body the way Slack does: form fields, or JSON; JSON-encoded block arrays decoded. */
function parseParams(raw: string, contentType: string | undefined): Record<string, unknown> {
  const params: Record<string, unknown> = contentType?.includes('application/json')
    ? (JSON.parse(raw || '{}') as Record<string, unknown>)
    : Object.fromEntries(new URLSearchParams(raw));
  for (const key of ['blocks', 'attachments', 'metadata']) {
    const value = params[key];
    if (typeof value === 'string') params[key] = JSON.parse(value);
  }
  return params;
}

function send(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const requests: RecordedRequest[] = [];
  const scripts = new Map<string, Script[]>();
  const arrivals = new EventEmitter();
  let messageCount = 0;
  const messages: FakeMessage[] = [];
  const pending = new Map<string, number>();
  const uploads: FakeUpload[] = [];
  let base = '';

  /** Slack's order: newest first for history, oldest first (parent first) for replies. */
  const page = (list: FakeMessage[], params: Record<string, unknown>) => {
    const start = Number(params.cursor ?? 0) || 0;
    const slice = list.slice(start, start + FAKE_HISTORY_PAGE);
    const next = start + FAKE_HISTORY_PAGE < list.length ? String(start + FAKE_HISTORY_PAGE) : '';
    const withMetadata =
      params.include_all_metadata === 'true' || params.include_all_metadata === true;
    return {
      ok: true,
      messages: slice.map(({ metadata, channel: _c, ...m }) => ({
        ...m,
        ...(withMetadata && metadata !== undefined && { metadata }),
      })),
      has_more: next !== '',
      response_metadata: { next_cursor: next },
    };
  };

  /** Accepts a message: from now on it is in the channel, whatever happens to the answer. */
  const accept = (params: Record<string, unknown>): FakeMessage => {
    messageCount += 1;
    const message: FakeMessage = {
      channel: String(params.channel),
      ts: `${1_700_000_000 + messageCount}.000100`,
      text: params.text,
      ...(typeof params.thread_ts === 'string' && { thread_ts: params.thread_ts }),
      ...(typeof params.metadata === 'object' &&
        params.metadata !== null && { metadata: params.metadata as FakeMessage['metadata'] }),
    };
    messages.push(message);
    return message;
  };

  const takeScript = (target: string): Script | undefined => {
    const queue = scripts.get(target) ?? [];
    const script = queue[0];
    if (script !== undefined && --script.remaining <= 0) queue.shift();
    return script;
  };

  /** The `ok` answer Slack would give for a method, with the fields callers read. */
  const okBody = (target: string, params: Record<string, unknown>, accepted?: FakeMessage) => {
    if (target === 'chat.postMessage') {
      const { ts } = accepted ?? accept(params);
      return { ok: true, channel: params.channel, ts, message: { ts, text: params.text } };
    }
    if (target === 'conversations.history') {
      const roots = messages.filter(
        (m) => m.channel === params.channel && (m.thread_ts === undefined || m.thread_ts === m.ts),
      );
      return page(roots.reverse(), params);
    }
    if (target === 'conversations.replies') {
      const thread = messages.filter(
        (m) => m.channel === params.channel && (m.ts === params.ts || m.thread_ts === params.ts),
      );
      return page(thread, params);
    }
    if (target === 'auth.test') return { ok: true, user_id: 'UFAKEBOT', bot_id: 'BFAKEBOT' };
    if (target === 'conversations.open') {
      return { ok: true, channel: { id: fakeDmChannel(String(params.users)) } };
    }
    if (target === 'files.getUploadURLExternal') {
      const fileId = `F${String(uploads.length + 1).padStart(8, '0')}`;
      uploads.push({
        fileId,
        filename: String(params.filename),
        length: Number(params.length),
      });
      return { ok: true, upload_url: `${base}/upload/${fileId}`, file_id: fileId };
    }
    if (target === 'files.completeUploadExternal') {
      const files = (
        typeof params.files === 'string' ? JSON.parse(params.files) : params.files
      ) as { id: string; title?: string }[];
      for (const file of files) {
        const upload = uploads.find((u) => u.fileId === file.id);
        if (upload === undefined) return { ok: false, error: 'file_not_found' };
        upload.completed = {
          channelId: String(params.channel_id),
          title: file.title,
          ...(typeof params.initial_comment === 'string' && {
            initialComment: params.initial_comment,
          }),
        };
      }
      return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
    }
    return { ok: true };
  };

  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    // The upload URL files.getUploadURLExternal handed out: raw bytes, answered in plain text.
    const upload = /^\/upload\/(F\d+)$/.exec(pathname);
    if (upload && req.method === 'POST') {
      const file = uploads.find((u) => u.fileId === upload[1]);
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      if (file === undefined) {
        res.writeHead(404).end();
        return;
      }
      file.bytes = Buffer.concat(chunks);
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${file.bytes.length}`);
      return;
    }
    const api = /^\/api\/([\w.]+)$/.exec(pathname);
    const response = /^\/response\/([\w-]+)$/.exec(pathname);
    if (req.method !== 'POST' || (!api && !response)) {
      send(res, 404, { ok: false, error: 'unknown_method' });
      return;
    }
    const contentType = req.headers['content-type'];
    const target = api?.[1] ?? RESPONSE_URL_TARGET;
    const request: RecordedRequest = {
      target,
      ...(response?.[1] === undefined ? {} : { responseId: response[1] }),
      params: parseParams(await readBody(req), contentType),
      authorization: req.headers.authorization,
      contentType,
    };
    requests.push(request);
    arrivals.emit('request', request);
    pending.set(target, (pending.get(target) ?? 0) + 1);
    res.once('close', () => pending.set(target, (pending.get(target) ?? 1) - 1));

    const script = takeScript(target);
    const answer = script?.answer ?? { kind: 'ok' };
    const accepted =
      answer.kind === 'ok' && target === 'chat.postMessage' ? accept(request.params) : undefined;
    if (script?.delayMs) await sleep(script.delayMs);
    if (res.destroyed) return; // the client hung up (timed out, or was killed)
    switch (answer.kind) {
      case 'ok':
        send(res, 200, okBody(target, request.params, accepted));
        break;
      case 'slack_error':
        send(res, 200, { ok: false, error: answer.error });
        break;
      case 'rate_limited':
        send(
          res,
          429,
          { ok: false, error: 'ratelimited' },
          {
            'retry-after': String(answer.retryAfterSeconds),
          },
        );
        break;
      case 'http_status':
        send(res, answer.status, { ok: false, error: 'fake_http_error' });
        break;
    }
  });

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  const callsTo = (target: string) => requests.filter((r) => r.target === target);

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id = 'r1') => `${base}/response/${id}`,
    requests,
    messages,
    uploads,
    callsTo,
    unanswered: (target) => pending.get(target) ?? 0,
    script(target, answer, { delayMs = 0, times = Number.POSITIVE_INFINITY } = {}) {
      const queue = scripts.get(target) ?? [];
      queue.push({ answer, delayMs, remaining: times });
      scripts.set(target, queue);
    },
    async waitForCalls(target, count, timeoutMs = 2000) {
      const deadline = AbortSignal.timeout(timeoutMs);
      while (callsTo(target).length < count) {
        try {
          await once(arrivals, 'request', { signal: deadline });
        } catch {
          throw new Error(
            `fake Slack API: expected ${count} request(s) to ${target} within ${timeoutMs} ms, ` +
              `got ${callsTo(target).length}`,
          );
        }
      }
      return callsTo(target);
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
