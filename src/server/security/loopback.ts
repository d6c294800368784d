import net from 'node:net';

/**
 * True for addresses that only this machine can reach: `localhost`, 127.0.0.0/8 and ::1 (also as an
 * IPv4-mapped IPv6 address). Names other than `localhost` are not resolved: a DNS name that points at
 * 127.0.0.1 today may point elsewhere tomorrow, so it does not count.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (bare === 'localhost') return true;
  const mapped = bare.startsWith('::ffff:') ? bare.slice('::ffff:'.length) : bare;
  if (net.isIPv4(mapped)) return mapped.split('.')[0] === '127';
  if (net.isIPv6(bare)) return /^(0{0,4}:){7}0{0,3}1$|^::1$/.test(bare);
  return false;
}

/**
 * Whether a serviceUrl points at this machine: an http(s) URL without credentials whose host is
 * loopback. In local mode nothing is authenticated, so this is the only place replies may go.
 */
export function isLoopbackUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username || url.password) return false;
  return isLoopbackHost(url.hostname);
}
