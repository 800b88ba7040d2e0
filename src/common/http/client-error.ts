import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { requestIdFrom } from '../context/request-context';
import { ErrorCode } from '../problem/error-code';
import { renderProblem } from '../problem/problem';
import { ProblemException } from '../problem/problem.exception';
import { API_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './security-headers';

/** What Node's parser (llhttp) or its timers report, and the problem each one is. */
function problemOf(error: NodeJS.ErrnoException): ProblemException {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new ProblemException(ErrorCode.REQUEST_TIMEOUT, {
      detail: 'The request head did not arrive in time.',
    });
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return new ProblemException(ErrorCode.REQUEST_HEADERS_TOO_LARGE, {
      detail: 'The request line and headers exceed 16 KiB.',
    });
  }
  return new ProblemException(ErrorCode.MALFORMED_REQUEST, {
    detail:
      'The request is not valid HTTP/1.1 (a control character in a header, a byte outside ' +
      'visible ASCII in the request line, a malformed header?).',
  });
}

/**
 * Fastify's `clientErrorHandler`: what the gateway answers when Node cannot parse a request (a
 * control byte in a header, raw bytes >= 0x80 in the request line, a head over 16 KiB, a head too
 * slow). No request exists yet, so none of the hooks ran: this writes the same problem+json every
 * other error gets, with a fresh x-request-id and the security headers, as one full HTTP/1.1
 * answer, then closes the socket (after a parse error its stream position is unknown). The
 * request path is unknown too (the head is what failed), so `instance` names the request id.
 * The socket may be half-broken: nothing here throws, and a socket that cannot take a write is
 * only destroyed.
 */
export function clientErrorHandler(logger: Logger) {
  return (error: NodeJS.ErrnoException, socket: Socket): void => {
    // A reset connection is gone: nobody to answer (Fastify's own handler does the same).
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    // An answer already under way on this socket (keep-alive, pipelining) cannot be followed by
    // another: Node's own handler then only closes it, and so does this one.
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (!socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    try {
      const requestId = requestIdFrom(undefined);
      const exception = problemOf(error);
      const status = exception.getStatus();
      const { body } = renderProblem(exception, `urn:junction:request:${requestId}`, requestId);
      const text = JSON.stringify(body);
      const headers: Record<string, string | number> = {
        'content-type': 'application/problem+json; charset=utf-8',
        'content-length': Buffer.byteLength(text),
        'cache-control': 'no-store',
        'x-request-id': requestId,
        ...SECURITY_HEADERS,
        'content-security-policy': API_CONTENT_SECURITY_POLICY,
        connection: 'close',
      };
      const head = Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}`)
        .join('\r\n');
      const reason = STATUS_CODES[status] ?? 'Error';
      // Flushed, then closed: after a parse error the stream position is unknown. A peer that
      // never reads cannot hold the socket either.
      socket.end(`HTTP/1.1 ${status} ${reason}\r\n${head}\r\n\r\n${text}`, () => socket.destroy());
      setTimeout(() => socket.destroy(), 2000).unref();
      logger.debug({ requestId, code: error.code, status }, 'client error');
    } catch {
      socket.destroy();
    }
  };
}
