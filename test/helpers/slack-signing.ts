/**
 * Signed requests as Slack sends them: `X-Slack-Signature: v0=` + hex HMAC-SHA256 of
 * `v0:{timestamp}:{raw body}` with the signing secret, `X-Slack-Request-Timestamp` in seconds.
 * https://api.slack.com/authentication/verifying-requests-from-slack
 */
import { createHmac } from 'node:crypto';

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
export const JSON_CONTENT_TYPE = 'application/json';

export function signSlackRequest(
  body: string,
  secret: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const digest = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestamp) };
}

export interface HttpResult {
  status: number;
  text: string;
}

/** POSTs `body` as is, with only the headers given (no signature). */
export async function postRaw(
  url: string,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** POSTs `body` signed with `secret`; `extraHeaders` win (to send a wrong signature, a retry…). */
export function postSigned(
  url: string,
  body: string,
  contentType: string,
  secret: string,
  extraHeaders: Record<string, string> = {},
): Promise<HttpResult> {
  return postRaw(url, body, contentType, { ...signSlackRequest(body, secret), ...extraHeaders });
}

/** A slash command's form body. */
export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** An interactivity body: the JSON payload in one form field, as Slack posts `block_actions`. */
export function interactionBody(payload: unknown): string {
  return formBody({ payload: JSON.stringify(payload) });
}
