import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook must not reach unless WEBHOOK_ALLOW_PRIVATE=true: this host (loopback), the link-local
 * range that holds cloud metadata services (169.254.169.254), private and shared networks, and the
 * unspecified and multicast ranges. Otherwise anyone who may add a subscription could make the server
 * call its own database port or its cloud's credentials endpoint.
 */
const UNREACHABLE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 3],
] as const) {
  UNREACHABLE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  UNREACHABLE.addSubnet(network, prefix, 'ipv6');
}

/** Whether `address` (an IP literal) lies in a range webhooks may not reach; IPv4-mapped IPv6 is judged as IPv4. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return UNREACHABLE.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return UNREACHABLE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Why `url` may not receive webhooks, or `undefined` when it may: its host is resolved (every address it
 * has) and each address checked, so a public name pointing at a private address is refused too. The sender
 * checks again before every attempt, since DNS may change after the subscription was made.
 */
export async function refusedWebhookAddress(url: string, allowPrivate: boolean): Promise<string | undefined> {
  if (allowPrivate) return undefined;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
  } catch (error) {
    return `the host ${host} does not resolve (${error instanceof Error ? error.message : String(error)})`;
  }
  const blocked = addresses.find(isPrivateAddress);
  return blocked === undefined
    ? undefined
    : `${host} resolves to ${blocked}, a loopback, link-local or private address; webhooks go only to public addresses (WEBHOOK_ALLOW_PRIVATE=true allows these)`;
}
