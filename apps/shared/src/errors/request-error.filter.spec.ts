import { BadRequestException, HttpException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { requestErrorBody } from './request-error.filter';

describe('requestErrorBody (the code of a refusal Nest or Express made)', () => {
  it('names body-parser errors by their type, and a broken percent-encoding', () => {
    const parse = Object.assign(new SyntaxError('Unexpected token'), { type: 'entity.parse.failed', status: 400 });
    expect(requestErrorBody(new BadRequestException('Unexpected token', { cause: parse }))).toEqual({ code: 'MALFORMED_JSON', message: 'the request body is not valid JSON' });
    const large = Object.assign(new Error('request entity too large'), { type: 'entity.too.large' });
    expect(requestErrorBody(new HttpException('request entity too large', 413, { cause: large }))?.code).toBe('BODY_TOO_LARGE');
    expect(requestErrorBody(new BadRequestException('URI malformed', { cause: new URIError('URI malformed') }))?.code).toBe('MALFORMED_URL');
  });

  it('gives other bare exceptions a code from their status, and a 5xx a generic message', () => {
    expect(requestErrorBody(new NotFoundException('Cannot GET /x'))).toEqual({ code: 'NOT_FOUND', message: 'Cannot GET /x' });
    expect(requestErrorBody(new NotFoundException('Cannot GET /x?q=Jane%20Doe&n=1'))).toEqual({ code: 'NOT_FOUND', message: 'Cannot GET /x' });
    expect(requestErrorBody(new HttpException('Too Many Requests', 429))).toEqual({ code: 'TOO_MANY_REQUESTS', message: 'Too Many Requests' });
    expect(requestErrorBody(new HttpException('I am a teapot', 418))?.code).toBe('REFUSED');
    expect(requestErrorBody(new ServiceUnavailableException('db at 10.0.0.5 down'))).toEqual({ code: 'UNAVAILABLE', message: 'the service is unavailable: try again later' });
    expect(requestErrorBody(new HttpException('secret detail', 500))).toEqual({ code: 'INTERNAL', message: 'internal error' });
  });

  it('leaves bodies that are not bare alone: our coded refusals, and reports such as /health', () => {
    expect(requestErrorBody(new HttpException({ code: 'UNAUTHENTICATED', message: 'no token' }, 401))).toBeUndefined();
    expect(requestErrorBody(new ServiceUnavailableException({ status: 'error', info: {}, error: { database: { status: 'down' } }, details: {} }))).toBeUndefined();
  });
});
