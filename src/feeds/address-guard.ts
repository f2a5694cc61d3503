import ipaddr from 'ipaddr.js';
import { Agent, buildConnector } from 'undici';

/** The connected peer's address is not a public unicast address (loopback, private, link-local…). */
export class RefusedAddressError extends Error {
  override name = 'RefusedAddressError';
  readonly code = 'NEWSBOT_REFUSED_ADDRESS';
}

/**
 * The ipaddr.js range of an address ('unicast' for a public one; 'loopback', 'private',
 * 'linkLocal', 'multicast', 'uniqueLocal', 'carrierGradeNat', 'reserved'… otherwise). IPv4-mapped
 * IPv6 addresses (::ffff:127.0.0.1) are judged as the IPv4 address they carry.
 */
export function addressRange(address: string): string {
  try {
    return ipaddr.process(address.replace(/^\[|\]$/g, '').replace(/%.*$/, '')).range();
  } catch {
    return 'invalid';
  }
}

export function isPublicUnicast(address: string): boolean {
  return addressRange(address) === 'unicast';
}

export interface GuardedAgentOptions {
  /** Let loopback and private addresses through (FEEDS_ALLOW_PRIVATE, and tests). */
  allowPrivate: boolean;
  /** Milliseconds to establish a connection. */
  connectTimeoutMs: number;
  /** Which connected peers may be talked to. Default: public unicast addresses only. */
  permits?: (address: string, port: number) => boolean;
}

/**
 * An undici Agent that checks the address every new connection actually reached. Checking the
 * connected socket (not a DNS answer) covers IP-literal URLs, every redirect hop and DNS answers
 * that change between lookup and connect; no request byte is sent to a refused peer.
 */
export function guardedAgent(options: GuardedAgentOptions): Agent {
  const connect = buildConnector({ timeout: options.connectTimeoutMs });
  const permits = options.permits ?? ((address: string) => isPublicUnicast(address));
  return new Agent({
    connect: (opts, callback) => {
      connect(opts, (err, socket) => {
        if (err !== null) {
          callback(err, null);
          return;
        }
        const address = socket.remoteAddress ?? '';
        if (!options.allowPrivate && !permits(address, socket.remotePort ?? 0)) {
          socket.destroy();
          callback(
            new RefusedAddressError(
              `refused to connect to ${opts.hostname} at ${address || 'an unknown address'} (${addressRange(address)}): only public addresses are fetched (FEEDS_ALLOW_PRIVATE=true lifts this)`,
            ),
            null,
          );
          return;
        }
        callback(null, socket);
      });
    },
  });
}
