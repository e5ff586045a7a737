import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';

/**
 * The refusals that Nest and Express make before any handler of ours runs, each with a stable
 * code like every other refusal of the apps (`{ code, message }`):
 * - `MALFORMED_JSON` (400): a JSON body that does not parse;
 * - `BODY_TOO_LARGE` (413): a body over the route's parser limit;
 * - `UNSUPPORTED_ENCODING` (415): a body in a charset or content encoding the parser cannot read;
 * - `MALFORMED_URL` (400): a path with a broken percent-encoding;
 * - `NOT_FOUND` (404): no such route.
 * Any other bare Nest HttpException gets a code from its status (a 5xx: `UNAVAILABLE` or
 * `INTERNAL`, with a generic message). A body that is not Nest's
 * bare `{ statusCode, message }` passes as it is: our own refusals carry their code already,
 * and /health answers with terminus' report.
 */
type RequestErrorCode =
  | 'MALFORMED_JSON'
  | 'BODY_TOO_LARGE'
  | 'UNSUPPORTED_ENCODING'
  | 'MALFORMED_URL'
  | 'NOT_FOUND'
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'METHOD_NOT_ALLOWED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'TOO_MANY_REQUESTS'
  | 'REFUSED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

// body-parser's error types (its README, "Errors").
const BY_PARSER_TYPE: Record<string, { code: RequestErrorCode; message: string }> = {
  'entity.parse.failed': { code: 'MALFORMED_JSON', message: 'the request body is not valid JSON' },
  'entity.too.large': { code: 'BODY_TOO_LARGE', message: 'the request body is larger than this route accepts' },
  'charset.unsupported': { code: 'UNSUPPORTED_ENCODING', message: 'the request body is in a charset this route does not read' },
  'encoding.unsupported': { code: 'UNSUPPORTED_ENCODING', message: 'the request body has a content encoding this route does not read' },
};

const BY_STATUS: Record<number, RequestErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'BODY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
};

/** The code and message of a bare Nest HttpException; undefined when its body is one of ours (or terminus'). */
export function requestErrorBody(error: HttpException): { code: RequestErrorCode; message: string } | undefined {
  const body = error.getResponse();
  const bare = typeof body === 'string' || (typeof body === 'object' && body !== null && !('code' in body) && 'statusCode' in body && 'message' in body);
  if (!bare) return undefined;
  const cause = error.cause;
  const parserType = typeof cause === 'object' && cause !== null && 'type' in cause && typeof cause.type === 'string' ? cause.type : undefined;
  const known = parserType === undefined ? undefined : BY_PARSER_TYPE[parserType];
  if (known !== undefined) return known;
  if (cause instanceof URIError) return { code: 'MALFORMED_URL', message: 'the request path is not validly percent-encoded' };
  const status = error.getStatus();
  if (status === 503) return { code: 'UNAVAILABLE', message: 'the service is unavailable: try again later' };
  if (status >= 500) return { code: 'INTERNAL', message: 'internal error' };
  // Nest's own texts ("Cannot GET /x", "Too Many Requests") hold nothing of the caller's but the
  // URL, of which the path is kept: a query string can carry what was searched for.
  return { code: BY_STATUS[status] ?? 'REFUSED', message: error.message.replace(/^(Cannot [A-Z]+ [^?]*)\?.*$/s, '$1') };
}

@Catch(HttpException)
export class RequestErrorFilter implements ExceptionFilter<HttpException> {
  catch(error: HttpException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) {
      response.end();
      return;
    }
    // Not bare: an object that is ours (or terminus'), sent as it is.
    response.status(error.getStatus()).json(requestErrorBody(error) ?? error.getResponse());
  }
}

const unknownErrors = new Logger('ExceptionsHandler');

/**
 * The answer to an error no app filter maps: an HTTP exception as RequestErrorFilter answers
 * it; anything else (a bug, a statement the database refused) 500 `INTERNAL` with a generic
 * message, and one log line with what `safeError` keeps of it. Nest's own handler would answer
 * a bare `{ statusCode, message }`.
 */
export function sendUnmappedError(error: unknown, host: ArgumentsHost): void {
  if (error instanceof HttpException) {
    new RequestErrorFilter().catch(error, host);
    return;
  }
  unknownErrors.error({ err: error }, 'unhandled error');
  const response = host.switchToHttp().getResponse<Response>();
  if (response.headersSent) {
    response.end();
    return;
  }
  response.status(500).json({ code: 'INTERNAL', message: 'internal error' });
}

/**
 * The node's last resort, an APP_FILTER that catches everything. Nest hands an error to one
 * filter only, and the order in which it asks two global filters that both match is not one
 * to rely on, so this one answers HTTP exceptions as RequestErrorFilter would. The hub's
 * HubExceptionFilter ends the same way.
 */
@Catch()
export class UnknownErrorFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    sendUnmappedError(error, host);
  }
}
