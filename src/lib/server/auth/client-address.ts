const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * The address to throttle by. Behind a reverse proxy on the same machine every request comes from
 * loopback, which would make one person's failed sign-ins lock out everyone; there the proxy's
 * X-Forwarded-For names the client. Only its last entry is the proxy's own: earlier ones come from
 * the client and could be forged. A request from anywhere but loopback keeps its socket address.
 */
export function clientAddress(socketAddress: string, forwardedFor: string | null): string {
  if (!LOOPBACK.has(socketAddress) || !forwardedFor) return socketAddress;
  return forwardedFor.split(',').at(-1)?.trim() || socketAddress;
}
