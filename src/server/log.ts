import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type pino from 'pino';

/** Fields that may carry personal data or secrets never reach the logs. */
export const logRedactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

/**
 * Query parameters whose values may appear in logs. Every other value (a mobile in the dev
 * outbox's `?to=`, an `id_token_hint`, an authorization code…) is replaced: URLs end up in the
 * access log, and personal data must not.
 */
const LOGGED_QUERY_PARAMETERS = new Set(['page', 'pageSize', 'status', 'realm', 'qualification']);
const REDACTED = '[已隐藏]';

export function redactUrl(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return url;
  const query = [...new URLSearchParams(url.slice(start + 1))]
    .map(([name, value]) => `${encodeURIComponent(name)}=${LOGGED_QUERY_PARAMETERS.has(name) ? encodeURIComponent(value) : REDACTED}`)
    .join('&');
  return `${url.slice(0, start)}?${query}`;
}

/**
 * Fastify's request serializer, with the query values redacted. The URL as it arrived: the access
 * line is written after the handler, and the OIDC mount rewrites `raw.url` for the provider.
 */
export const logSerializers = {
  req(request: { method: string; url: string; originalUrl?: string; host?: string; ip?: string; socket?: { remotePort?: number } }) {
    return { method: request.method, url: redactUrl(request.originalUrl ?? request.url), host: request.host, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
  },
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A health probe of the load balancer, asked many times a second: no access-log line, and
     * only the headers a JSON answer to a machine needs (plugins/security-headers.ts).
     */
    probe?: boolean;
  }
}

/**
 * The access log: one line per answered request, written when the answer is complete (method,
 * URL with the query redacted, status, time), instead of Fastify's two lines ("incoming
 * request", "request completed"). Written on the app logger with the request id, so that a
 * request whose code logs nothing else never makes a child logger. Health probes have none.
 */
export class AccessLogController extends LogController {
  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const logger = request.server.log as pino.Logger;
    if ((!error && !logger.isLevelEnabled('info')) || request.routeOptions.config.probe) return;
    if (error) logger.error({ reqId: request.id, req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else logger.info({ reqId: request.id, req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

type LevelName = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * `request.log` without a pino child per request (making one costs about as much as the rest of
 * a health probe): the child that adds the request id to every line is made on the first line
 * written at an enabled level. For Fastify's `childLoggerFactory`.
 */
class RequestLogger {
  #made: FastifyBaseLogger | undefined;
  constructor(
    private readonly parent: pino.Logger,
    private readonly bindings: pino.Bindings,
    private readonly options: pino.ChildLoggerOptions,
  ) {}

  #logger(): FastifyBaseLogger {
    return (this.#made ??= this.parent.child(this.bindings, this.options));
  }

  get level(): string {
    return this.#made?.level ?? this.parent.level;
  }

  set level(level: string) {
    this.#logger().level = level;
  }

  child(bindings: pino.Bindings, options?: pino.ChildLoggerOptions): FastifyBaseLogger {
    return this.#logger().child(bindings, options);
  }

  write(level: LevelName, args: unknown[]) {
    if (((this.#made ?? this.parent) as pino.Logger).isLevelEnabled(level)) {
      (this.#logger()[level] as (...a: unknown[]) => void)(...args);
    }
  }

  fatal(...args: unknown[]) {
    this.write('fatal', args);
  }
  error(...args: unknown[]) {
    this.write('error', args);
  }
  warn(...args: unknown[]) {
    this.write('warn', args);
  }
  info(...args: unknown[]) {
    this.write('info', args);
  }
  debug(...args: unknown[]) {
    this.write('debug', args);
  }
  trace(...args: unknown[]) {
    this.write('trace', args);
  }
  silent() {}
}

export const requestLoggerFactory: NonNullable<FastifyServerOptions['childLoggerFactory']> = (logger, bindings, options) =>
  // A route with its own level or serializers gets its child at once (none does today).
  options.level || options.serializers ? logger.child(bindings, options) : (new RequestLogger(logger as pino.Logger, bindings, options) as unknown as FastifyBaseLogger);
