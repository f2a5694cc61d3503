/**
 * The error code of a failed Web API call (`not_in_channel`, `invalid_auth`, …), from the error
 * the Slack client throws; undefined when the call failed for another reason (network, timeout).
 */
export function slackErrorCode(err: unknown): string | undefined {
  const data = (err as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}
