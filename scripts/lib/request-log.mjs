// One JSON line per page or action Aula renders (pino): method, route, status, duration, user.
// The route is Astro's pattern (/invitacion/[token]), never the address itself: addresses carry
// invitation and reset tokens, and query strings carry what people search for. Static files are
// logged only at LOG_LEVEL=debug (the reverse proxy's access log has them).
import pino from 'pino';

/** Written in batches off the request path; `flush()` empties it before the process exits. */
export function createRequestLog({ level = process.env.LOG_LEVEL ?? 'info', destination = 1 } = {}) {
  const stream = pino.destination({ dest: destination, sync: false, minLength: 4096 });
  const logger = pino({ level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, stream);
  return {
    logger,
    /** Starts timing a request; the returned object is the Astro `locals` the middleware fills in. */
    start(req, res, { staticFile = false } = {}) {
      const started = performance.now();
      const locals = {};
      const write = staticFile ? logger.debug.bind(logger) : logger.info.bind(logger);
      if (staticFile && !logger.isLevelEnabled('debug')) return locals;
      res.once('finish', () => {
        write({
          method: req.method,
          route: staticFile ? req.url.split('?')[0] : (locals.route ?? null),
          status: res.statusCode,
          ms: Math.round((performance.now() - started) * 10) / 10,
          user: locals.user?.id ?? null,
        });
      });
      return locals;
    },
    flush() {
      stream.flushSync();
    },
  };
}
