import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's rule for a signed request's age, applied both ways: older or newer than this is refused. */
export const MAX_CLOCK_SKEW_S = 5 * 60;

export interface SignedRequestParts {
  /** The raw body, exactly as received. */
  body: string;
  /** `X-Slack-Request-Timestamp`: seconds since the epoch. */
  timestamp: string | string[] | undefined;
  /** `X-Slack-Signature`: `v0=` and the hex HMAC-SHA256 of `v0:{timestamp}:{body}`. */
  signature: string | string[] | undefined;
}

/**
 * Why a request is not Slack's, or null when it is: Slack's v0 signature
 * (https://api.slack.com/authentication/verifying-requests-from-slack) over the raw body, and a
 * timestamp within five minutes of `nowS` either way (Bolt checks only the past).
 *
 * One HMAC and a constant-time compare of equal-length buffers, as Slack documents it: this runs
 * for every request before its ack, and Bolt's `verifySlackRequest` costs three HMACs and 32
 * random bytes (its `tsscmp` compare hashes both sides again).
 */
export function signatureRefusal(
  signingSecret: string,
  { body, timestamp, signature }: SignedRequestParts,
  nowS: number,
): string | null {
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return 'no signature';
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || !Number.isSafeInteger(seconds)) return 'no signature';
  if (seconds > nowS + MAX_CLOCK_SKEW_S) return 'timestamp more than 5 minutes in the future';
  if (seconds < nowS - MAX_CLOCK_SKEW_S) return 'timestamp more than 5 minutes old';
  if (!signature.startsWith('v0=')) return 'unknown signature version';
  const expected = Buffer.from(
    `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`,
  );
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'signature mismatch';
  return null;
}
