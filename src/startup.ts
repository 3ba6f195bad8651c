/**
 * Start-up failures said in one line. Each known way the bot cannot start (a data folder that
 * is not there, a port in use, a database it cannot use, a token Slack rejects, an API URL
 * that is not Slack) becomes a sentence naming the variable and the fix; src/main.ts prints
 * it and exits 1, with no stack trace. Unknown errors keep their stack: they are bugs.
 *
 * Also the token check at start-up: a rejected token stops the bot, but a Slack that is slow
 * or unreachable does not — the bot starts anyway (so `/poster`, answered in the ack, works)
 * and keeps checking in the background.
 */
import { CatalogError } from './catalog/loader.ts';
import { StoreError } from './store/store.ts';

/** A start-up failure whose message is the whole story. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

export interface StartupContext {
  dataDir: string;
  databasePath: string;
  port?: number;
  apiUrl?: string;
}

/** The SQLite result codes better-sqlite3 puts in `error.code`, and what they mean here. */
function describeDatabase(code: string, path: string): string | undefined {
  const where = `DATABASE_PATH ${JSON.stringify(path)}`;
  if (code === 'SQLITE_CANTOPEN') {
    return `${where} cannot be opened: it is a directory, or its folder is missing or not writable; point DATABASE_PATH at a file`;
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return `${where} is not a SQLite database or is damaged; move it aside (the bot creates a new one) or restore a backup`;
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return `${where} is read-only; give the bot write access to the file and its folder`;
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return `${where} is locked by another process (another poster-bot, or a tool holding a write lock); stop it and start again`;
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_FULL') {
    return `${where} cannot be written (${code}): check the disk`;
  }
  return undefined;
}

/** One line for a known start-up failure, or undefined for anything else (a bug). */
export function describeStartupFailure(
  error: unknown,
  context: StartupContext,
): string | undefined {
  if (error instanceof StartupError || error instanceof CatalogError) return error.message;
  if (error instanceof StoreError) {
    return `${error.message} (DATABASE_PATH ${JSON.stringify(context.databasePath)})`;
  }
  if (!(error instanceof Error)) return undefined;
  const { code, syscall } = error as NodeJS.ErrnoException;
  if (typeof code !== 'string') return undefined;
  if (syscall === 'listen') {
    const port = context.port ?? '?';
    if (code === 'EADDRINUSE') {
      return `port ${port} is already in use (another poster-bot?); stop it or set PORT to a free port`;
    }
    if (code === 'EACCES') {
      return `port ${port} needs privileges this process does not have; set PORT to 1024 or above`;
    }
    return `cannot listen on port ${port} (${code}); set PORT to a free port`;
  }
  if (code.startsWith('SQLITE_')) return describeDatabase(code, context.databasePath);
  if (syscall === 'mkdir') {
    return `cannot create the folder of DATABASE_PATH ${JSON.stringify(context.databasePath)} (${code}); create it or choose another path`;
  }
  return undefined;
}

/** What Slack said about the bot token at start-up. */
export type TokenCheck =
  | { kind: 'ok'; botId: string | undefined; botUserId: string | undefined }
  /** No answer in time, a network error or an HTTP error: start anyway, check again later. */
  | { kind: 'unreachable'; reason: string };

/** The one Web API call the check makes (a WebClient is one). */
export interface AuthClient {
  auth: { test(): Promise<{ user_id?: string; bot_id?: string }> };
}

/** Slack's answers meaning "this token will never work", with what to do. */
const REJECTED_TOKEN_HINTS: Readonly<Record<string, string>> = {
  invalid_auth:
    'Slack does not recognise SLACK_BOT_TOKEN (invalid_auth): copy the Bot User OAuth Token (xoxb-…) again from OAuth & Permissions',
  not_authed: 'Slack received no token (not_authed): set SLACK_BOT_TOKEN to the bot token (xoxb-…)',
  token_revoked:
    'SLACK_BOT_TOKEN was revoked (token_revoked): reinstall the app to the workspace and use its new bot token',
  token_expired:
    'SLACK_BOT_TOKEN has expired (token_expired): turn off token rotation for the app or install it again',
  account_inactive:
    'SLACK_BOT_TOKEN belongs to a deleted app or deactivated workspace (account_inactive): reinstall the app',
  team_access_not_granted:
    'SLACK_BOT_TOKEN has no access to this workspace (team_access_not_granted): install the app to it',
};

/**
 * The bot's ids when Slack did not answer `auth.test` at start-up. Bolt calls `auth.test`
 * before acking any request unless both ids are given (and, with verification off, on every
 * request), so a hanging Slack would stop even `/poster`, which needs no Web API call. With
 * these the app answers; only Bolt's "ignore my own messages" filter loses the bot's real ids,
 * and the mention listener ignores every bot's messages anyway.
 */
export const UNVERIFIED_BOT = { botId: 'B_UNVERIFIED', botUserId: 'U_UNVERIFIED' } as const;

/** How long start-up waits for `auth.test` before starting without it. */
export const TOKEN_CHECK_TIMEOUT_MS = 5_000;

/**
 * Checks the bot token with `auth.test`. Throws {@link StartupError} when Slack rejects the
 * token, or when `SLACK_API_URL` answers with something that is not Slack's Web API (an HTML
 * page: a proxy, a login portal, a wrong URL); returns `unreachable` when there is no answer in
 * `timeoutMs` or only a network or HTTP error, so the bot can start anyway.
 */
export async function checkBotToken(
  client: AuthClient,
  { timeoutMs = TOKEN_CHECK_TIMEOUT_MS, apiUrl }: { timeoutMs?: number; apiUrl?: string } = {},
): Promise<TokenCheck> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(resolve, timeoutMs, 'timeout');
  });
  try {
    const answer = await Promise.race([client.auth.test(), timeout]);
    if (answer === 'timeout') {
      return { kind: 'unreachable', reason: `no answer from Slack within ${timeoutMs} ms` };
    }
    return { kind: 'ok', botId: answer.bot_id, botUserId: answer.user_id };
  } catch (error) {
    const slackError = (error as { data?: { error?: unknown } }).data?.error;
    if (typeof slackError === 'string' && slackError in REJECTED_TOKEN_HINTS) {
      throw new StartupError(REJECTED_TOKEN_HINTS[slackError]);
    }
    if (isNotSlack(error)) {
      const url = apiUrl ?? 'https://slack.com/api/';
      throw new StartupError(
        `the Web API at ${url} answered with something that is not Slack's JSON (an HTML page?); check SLACK_API_URL and any proxy in between`,
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'unreachable', reason };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * An answer that is not Slack's JSON: @slack/web-api reports a 200 HTML page as a platform
 * error whose "code" is the page itself (Slack's codes are snake_case words); a JSON parse
 * failure anywhere in the cause chain counts too.
 */
function isNotSlack(error: unknown): boolean {
  const code = (error as { data?: { error?: unknown } } | undefined)?.data?.error;
  if (typeof code === 'string' && !/^[a-z0-9_.]+$/.test(code)) return true;
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth += 1) {
    if (e instanceof SyntaxError) return true;
    const original = (e as { original?: unknown }).original;
    e = original ?? e.cause;
  }
  return false;
}

/**
 * After an `unreachable` start: checks the token again every `intervalMs` until Slack answers.
 * A rejection then is reported through `onRejected` (main exits 1); an answer ends the loop.
 * Returns a function that stops it.
 */
export function keepCheckingToken(options: {
  check: () => Promise<TokenCheck>;
  intervalMs: number;
  onOk: (check: Extract<TokenCheck, { kind: 'ok' }>) => void;
  onRejected: (error: StartupError) => void;
  onStillUnreachable: (reason: string) => void;
}): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const round = async () => {
    if (stopped) return;
    try {
      const result = await options.check();
      if (stopped) return;
      if (result.kind === 'ok') {
        options.onOk(result);
        return;
      }
      options.onStillUnreachable(result.reason);
    } catch (error) {
      if (error instanceof StartupError) {
        options.onRejected(error);
        return;
      }
      options.onStillUnreachable(error instanceof Error ? error.message : String(error));
    }
    if (!stopped) timer = setTimeout(round, options.intervalMs);
  };
  timer = setTimeout(round, options.intervalMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** How long shutdown may take before the process ends anyway (a container allows ~10 s). */
export const SHUTDOWN_HARD_LIMIT_MS = 9_500;
