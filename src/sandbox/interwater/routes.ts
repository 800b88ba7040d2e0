import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { InterwaterState } from './state';
import { TokenRejected } from './tokens';
import { isObject } from '../../common/is-object';

const DAY_MS = 24 * 60 * 60 * 1000;

function fail(reply: FastifyReply, status: number, message: string) {
  return reply.status(status).send({ status: false, message });
}

/** `YYYY-MM-DD` that is a real calendar date -> UTC midnight in ms, else undefined. */
export function parseDay(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? ms : undefined;
}

/** The s-connector server API: `/v1/auth` and the four JWT-protected reads. */
export function registerInterwaterRoutes(app: FastifyInstance, state: InterwaterState): void {
  /** Runs the handler only for a valid `s-connector-jwt`; 401 `{status: false}` otherwise. */
  const guarded =
    (handler: (request: FastifyRequest, reply: FastifyReply) => unknown) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const header = request.headers['s-connector-jwt'];
      const token = Array.isArray(header) ? header[0] : header;
      try {
        await state.tokens.verify(token?.trim());
      } catch (error) {
        if (error instanceof TokenRejected) return fail(reply, 401, error.message);
        throw error;
      }
      return handler(request, reply);
    };

  app.post('/v1/auth', async (request, reply) => {
    const body: unknown = request.body;
    if (!isObject(body)) return fail(reply, 400, 'accessKey and secretKey are required');
    const { accessKey, secretKey, expires, isOwner } = body;
    if (typeof accessKey !== 'string' || accessKey === '') {
      return fail(reply, 400, 'accessKey is required');
    }
    if (typeof secretKey !== 'string' || secretKey === '') {
      return fail(reply, 400, 'secretKey is required');
    }
    if (
      expires !== undefined &&
      (typeof expires !== 'number' || !Number.isFinite(expires) || expires <= 0)
    ) {
      return fail(reply, 400, 'expires must be a positive number of minutes');
    }
    if (isOwner !== undefined && typeof isOwner !== 'boolean') {
      return fail(reply, 400, 'isOwner must be a boolean');
    }
    if (accessKey !== state.config.accessKey || secretKey !== state.config.secretKey) {
      return fail(reply, 401, 'invalid accessKey or secretKey');
    }
    const minutes = expires ?? 60;
    const accessToken = await state.issueToken({
      ttlSeconds: Math.min(minutes * 60, state.config.maxTtlSeconds),
      isOwner,
    });
    return reply.status(200).send({ status: true, data: { accessToken } });
  });

  app.get(
    '/v1/info',
    guarded(() => ({ status: true, data: { ...state.license } })),
  );

  app.get(
    '/v1/sessions',
    guarded(() => ({ status: true, data: state.sessions.map((session) => ({ ...session })) })),
  );

  app.get(
    '/v1/sessions/:room_name',
    guarded((request, reply) => {
      const { room_name: roomName } = request.params as { room_name: string };
      const session = state.sessions.find((candidate) => candidate.roomName === roomName);
      if (!session) return fail(reply, 404, `room not found: ${roomName}`);
      return { status: true, data: { ...session } };
    }),
  );

  app.get(
    '/v1/static',
    guarded((request, reply) => {
      const query = request.query as Record<string, unknown>;
      if (query.startTime === undefined || query.startTime === '') {
        return fail(reply, 400, 'startTime is required');
      }
      const start = parseDay(query.startTime);
      if (start === undefined) return fail(reply, 400, 'startTime must be YYYY-MM-DD');
      let end: number;
      if (query.endTime === undefined || query.endTime === '') {
        end = state.config.now() + 1;
      } else {
        const endDay = parseDay(query.endTime);
        if (endDay === undefined) return fail(reply, 400, 'endTime must be YYYY-MM-DD');
        if (endDay < start) return fail(reply, 400, 'endTime must not be before startTime');
        end = endDay + DAY_MS;
      }
      const detail = state.usage
        .filter((row) => {
          const at = Date.parse(row.createdAt);
          return at >= start && at < end;
        })
        .map((row) => ({ ...row }));
      return {
        status: true,
        data: {
          domain: state.license.domain,
          totalSecond: detail.reduce((sum, row) => sum + row.sessionTimeSecond, 0),
          detail,
        },
      };
    }),
  );

  app.setNotFoundHandler((_request, reply) => fail(reply, 404, 'Not Found'));
  app.setErrorHandler((error: { statusCode?: number; message?: string }, _request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode < 500 ? 400 : 500;
    return fail(
      reply,
      status,
      status === 400 ? (error.message ?? 'Bad Request') : 'Internal Error',
    );
  });
}
