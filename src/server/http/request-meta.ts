import type { FastifyRequest } from 'fastify';

/** Who is asking, as services record it (audit log, 登录记录). */
export const requestMeta = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
