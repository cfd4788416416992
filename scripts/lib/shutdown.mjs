// Graceful stop: `systemctl stop|restart` sends SIGTERM and waits (TimeoutStopSec) before it kills.
// Requests in flight finish; a request that hangs must not hold the stop past a bounded wait.

const IN_FLIGHT = Symbol('aula.inFlight');

/** Keeps the set of responses not yet closed, so that closeServer can say how many it cut. */
export function trackRequests(server) {
  const inFlight = new Set();
  server[IN_FLIGHT] = inFlight;
  server.on('request', (_req, res) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });
  return server;
}

/**
 * Stops accepting connections, closes idle keep-alive connections, lets requests in flight
 * finish for up to `graceMs`, then cuts what is left. Resolves with how many requests were cut.
 */
export function closeServer(server, { graceMs = 10_000 } = {}) {
  return new Promise((resolve) => {
    let cut = 0;
    // A keep-alive connection turns idle once its response ends; close it then, not 65 s later.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => {
      cut = server[IN_FLIGHT]?.size ?? 0;
      server.closeAllConnections();
    }, graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve({ cut });
    });
    server.closeIdleConnections();
  });
}
