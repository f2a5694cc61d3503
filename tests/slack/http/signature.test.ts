import { describe, expect, it } from 'vitest';
import { signatureRefusal } from '../../../src/slack/http/signature.js';
import { slackSignature } from '../../e2e/signed-request.js';

const SECRET = 'test-signing-secret';
const NOW_S = 1_757_400_000;
const BODY = 'token=legacy&command=%2Fnews&text=bushfire';

function signed(body = BODY, timestamp = NOW_S, secret = SECRET) {
  return { body, timestamp: String(timestamp), signature: slackSignature(secret, timestamp, body) };
}

describe('signatureRefusal', () => {
  it("accepts Slack's v0 signature over the raw body, within five minutes either way", () => {
    expect(signatureRefusal(SECRET, signed(), NOW_S)).toBeNull();
    expect(signatureRefusal(SECRET, signed(BODY, NOW_S - 300), NOW_S)).toBeNull();
    expect(signatureRefusal(SECRET, signed(BODY, NOW_S + 300), NOW_S)).toBeNull();
    expect(signatureRefusal(SECRET, signed('{"type":"event_callback","ü":"é"}'), NOW_S)).toBeNull();
  });

  it('refuses another secret, a changed body and a changed timestamp', () => {
    expect(signatureRefusal(SECRET, signed(BODY, NOW_S, 'other-secret'), NOW_S)).toBe('signature mismatch');
    expect(signatureRefusal(SECRET, { ...signed(), body: `${BODY}x` }, NOW_S)).toBe('signature mismatch');
    expect(signatureRefusal(SECRET, { ...signed(), timestamp: String(NOW_S - 1) }, NOW_S)).toBe(
      'signature mismatch',
    );
  });

  it('refuses a timestamp more than five minutes old or ahead', () => {
    expect(signatureRefusal(SECRET, signed(BODY, NOW_S - 301), NOW_S)).toBe(
      'timestamp more than 5 minutes old',
    );
    expect(signatureRefusal(SECRET, signed(BODY, NOW_S + 301), NOW_S)).toBe(
      'timestamp more than 5 minutes in the future',
    );
  });

  it('refuses missing, repeated or malformed headers without throwing', () => {
    const good = signed();
    expect(signatureRefusal(SECRET, { ...good, signature: undefined }, NOW_S)).toBe('no signature');
    expect(signatureRefusal(SECRET, { ...good, timestamp: undefined }, NOW_S)).toBe('no signature');
    expect(signatureRefusal(SECRET, { ...good, signature: [good.signature, good.signature] }, NOW_S)).toBe(
      'no signature',
    );
    expect(signatureRefusal(SECRET, { ...good, timestamp: 'yesterday' }, NOW_S)).toBe('no signature');
    expect(signatureRefusal(SECRET, { ...good, timestamp: `${NOW_S}.5` }, NOW_S)).toBe('no signature');
    expect(
      signatureRefusal(SECRET, { ...good, signature: good.signature.replace('v0=', 'v1=') }, NOW_S),
    ).toBe('unknown signature version');
    expect(signatureRefusal(SECRET, { ...good, signature: 'v0=abc' }, NOW_S)).toBe('signature mismatch');
    expect(signatureRefusal(SECRET, { ...good, signature: `${good.signature}00` }, NOW_S)).toBe(
      'signature mismatch',
    );
  });
});
