/**
 * The workspace a request comes from, for the asker's plan (a plan belongs to a workspace and
 * a user). Events carry `team_id` in their envelope (and `team` in the event); clicks carry
 * `team.id` and `user.team_id`; commands `team_id` (Slack's payload references).
 */

/** `{ teamId }` when the body names a workspace, `{}` otherwise (nothing can be saved then). */
export function teamOf(body: {
  team_id?: unknown;
  team?: unknown;
  user?: unknown;
  event?: unknown;
}): { teamId?: string } {
  const candidates = [
    body.team_id,
    (body.team as { id?: unknown } | null | undefined)?.id,
    (body.user as { team_id?: unknown } | null | undefined)?.team_id,
    (body.event as { team?: unknown } | null | undefined)?.team,
  ];
  const teamId = candidates.find((c): c is string => typeof c === 'string' && c !== '');
  return teamId === undefined ? {} : { teamId };
}
