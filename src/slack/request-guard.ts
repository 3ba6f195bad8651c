/**
 * Nothing a request carries may stop the process. Two guards sit in front of the listeners:
 *
 * - `guardHttpReceiver` refuses, with 400, a body whose parsed form is not a JSON object
 *   (`payload=null`, a JSON `null`, `42`, `[]`) before Bolt's HTTPReceiver reads `body.type`
 *   on it — which throws inside a floating promise and ends the process (Bolt 5.1).
 * - `normalizeRequestBody`, a global middleware, gives listeners the shapes Slack documents:
 *   one string per form field (`text=a&text=b` arrives as an array), a mention's `text` as a
 *   string even when Slack sends none, and no lone UTF-16 surrogates in what users typed
 *   (they cannot be encoded as UTF-8 and come back as U+FFFD in every notification).
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type AnyMiddlewareArgs,
  HTTPModuleFunctions,
  type HTTPReceiver,
  isRawBodyError,
  type Middleware,
} from '@slack/bolt';
import type { Logger } from '../log.ts';

/** Removes unpaired UTF-16 surrogates; well-formed text (emoji included) is unchanged. */
export function dropLoneSurrogates(text: string): string {
  return text.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '',
  );
}

/** True when `value` is a plain JSON object (what every Slack request body is). */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses a buffered body the way Bolt's `parseHTTPRequestBody` does and says whether Bolt can
 * handle it: an object, or something Bolt itself answers (malformed JSON → its 400).
 */
export function isAcceptableBody(raw: string, contentType: string | undefined): boolean {
  try {
    const body = HTTPModuleFunctions.parseHTTPRequestBody({
      rawBody: Buffer.from(raw),
      headers: { 'content-type': contentType },
    } as unknown as Parameters<typeof HTTPModuleFunctions.parseHTTPRequestBody>[0]);
    return isObject(body);
  } catch {
    return true; // Bolt answers a body it cannot parse with 400 itself
  }
}

type IncomingHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Wraps the receiver's (private) request handler: the body is buffered first — Bolt reuses a
 * buffered body — and a non-object body is answered 400 without reaching Bolt. Reaching into
 * a private method needs this one adapter; test/slack/request-guard.test.ts fails if a Bolt
 * upgrade renames it.
 */
export function guardHttpReceiver(receiver: HTTPReceiver, bodyLimit: number, log: Logger): void {
  const target = receiver as unknown as { handleIncomingEvent?: IncomingHandler };
  const original = target.handleIncomingEvent;
  if (typeof original !== 'function') {
    throw new Error('request-guard: HTTPReceiver.handleIncomingEvent is gone (Bolt upgrade?)');
  }
  target.handleIncomingEvent = (req, res) => {
    void (async () => {
      let buffered: Awaited<ReturnType<typeof HTTPModuleFunctions.bufferIncomingMessage>>;
      try {
        buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, bodyLimit);
      } catch (error) {
        // The stream is spent: answer here as Bolt would (413 past the limit, else 400).
        const tooLarge = isRawBodyError(error) && error.statusCode === 413;
        log.warn(
          { path: req.url, bodyLimit },
          tooLarge ? 'request body too large' : 'unreadable request body',
        );
        HTTPModuleFunctions.buildNoBodyResponse(res, tooLarge ? 413 : 400);
        return;
      }
      if (!isAcceptableBody(buffered.rawBody.toString(), req.headers['content-type'])) {
        log.warn({ path: req.url }, 'request body is not a JSON object; refused with 400');
        HTTPModuleFunctions.buildNoBodyResponse(res, 400);
        return;
      }
      original.call(receiver, req, res);
    })().catch((error: unknown) => {
      log.error({ err: error }, 'request guard failed; request dropped');
      if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, 500);
    });
  };
}

/** First string of a field sent more than once; other non-strings are left as they are. */
function single(value: unknown): unknown {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value[0] ?? '';
  return value;
}

/**
 * Normalises the body in place before any listener sees it (see the module comment). Bolt
 * builds `command` and `event` from the same object, so listeners see the fixed values.
 */
export const normalizeRequestBody: Middleware<AnyMiddlewareArgs> = async (args) => {
  const body: unknown = args.body;
  if (isObject(body)) {
    if (typeof body.command === 'string' || Array.isArray(body.command)) {
      for (const [key, value] of Object.entries(body)) body[key] = single(value);
      body.text = typeof body.text === 'string' ? dropLoneSurrogates(body.text) : '';
    }
    const event = body.event;
    if (isObject(event) && event.type === 'app_mention') {
      event.text = typeof event.text === 'string' ? dropLoneSurrogates(event.text) : '';
    }
  }
  await args.next();
};
