// Which hosts webhooks may be sent to: an allowlist from configuration, so the hub never calls an arbitrary host.

/** Loopback only: the development default. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '::1'];

/**
 * Null when `url` may be called, else why not. An entry is a host name or IP (`pos.example.com`,
 * `10.0.0.7`, `::1`) or a wildcard for subdomains (`*.pos.example.com`, which does not match the
 * bare domain). Only http and https are allowed, never user:password in the URL, and plain http
 * only to loopback hosts so signed price data does not cross a network unencrypted.
 */
export function webhookTargetProblem(url: string, allowedHosts: readonly string[]): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not an absolute URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `must be http or https (got ${parsed.protocol.replace(':', '')})`;
  if (parsed.username || parsed.password) return 'must not carry a user name or password';
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (!allowedHosts.some((entry) => hostMatches(entry.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1'), host))) {
    return `host ${host} is not on the webhook allowlist (${allowedHosts.length ? allowedHosts.join(', ') : 'empty'})`;
  }
  if (parsed.protocol === 'http:' && !LOOPBACK_HOSTS.includes(host)) return 'must use https for a host other than loopback';
  return null;
}

function hostMatches(entry: string, host: string): boolean {
  if (entry.startsWith('*.')) return host.endsWith(entry.slice(1)) && host.length > entry.length - 1;
  return entry === host;
}

/** Parses the HUB_WEBHOOK_ALLOWED_HOSTS form: comma-separated entries. */
export function parseAllowedHosts(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}
