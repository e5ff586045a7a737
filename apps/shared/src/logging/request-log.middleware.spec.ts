import { Controller, Get, HttpException, type INestApplication, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger, PinoLogger } from 'nestjs-pino';
import request from 'supertest';
import { LoggingModule } from './logging.module';

@Controller('t')
class ProbeController {
  constructor(private readonly logger: PinoLogger) {}

  @Get('ok')
  ok() {
    return { ok: true };
  }

  @Post('teapot')
  teapot(): never {
    throw new HttpException('no', 418);
  }

  @Get('scope')
  scope() {
    try {
      this.logger.assign({ probe: true });
      return { inRequestStore: true };
    } catch {
      return { inRequestStore: false };
    }
  }

  @Get('boom')
  boom(): never {
    throw new Error('boom');
  }
}

interface Line {
  level: number;
  app: string;
  msg: string;
  req?: { id: number; method: string; url: string };
  res?: { statusCode: number };
  responseTime?: number;
}

describe('RequestLogMiddleware (a Nest app over HTTP)', () => {
  const lines: string[] = [];
  let app: INestApplication;

  beforeAll(async () => {
    @Module({ imports: [LoggingModule.forRoot(() => ({ level: 'info', app: 'probe', destination: { write: (line: string) => void lines.push(line) } }))], controllers: [ProbeController] })
    class ProbeModule {}
    app = await NestFactory.create(ProbeModule, { bufferLogs: true });
    app.useLogger(app.get(Logger));
    await app.init();
  });

  afterAll(() => app.close());

  const requestLines = () => lines.map((l) => JSON.parse(l) as Line).filter((l) => l.req !== undefined);

  it('writes one line per request: its number, method, path without the query string, status and time; never headers or the body', async () => {
    const from = requestLines().length;
    await request(app.getHttpServer()).get('/t/ok?email=someone@example.org').set('authorization', 'Bearer SECRET-TOKEN').expect(200);
    await request(app.getHttpServer()).post('/t/teapot').send({ ip: '203.0.113.7' }).expect(418);
    const [ok, teapot] = requestLines().slice(from);
    expect(ok).toMatchObject({ level: 30, app: 'probe', msg: 'request completed', req: { method: 'GET', url: '/t/ok' }, res: { statusCode: 200 } });
    expect(teapot).toMatchObject({ level: 30, msg: 'request completed', req: { method: 'POST', url: '/t/teapot' }, res: { statusCode: 418 } });
    expect(teapot!.req!.id).toBe(ok!.req!.id + 1);
    expect(typeof ok!.responseTime).toBe('number');
    const text = lines.join('');
    for (const secret of ['SECRET-TOKEN', 'someone@example.org', '203.0.113.7']) expect(text).not.toContain(secret);
  });

  it('logs a 5xx at error level', async () => {
    const from = requestLines().length;
    await request(app.getHttpServer()).get('/t/boom').expect(500);
    expect(requestLines().slice(from)).toEqual([expect.objectContaining({ level: 50, msg: 'request errored', req: expect.objectContaining({ url: '/t/boom' }), res: { statusCode: 500 } })]);
  });

  it("runs the handler outside any request store of nestjs-pino's (whose AsyncLocalStorage would turn on async hooks for every promise)", async () => {
    // PinoLogger.assign works only inside nestjs-pino's per-request store; this is where it would be.
    await request(app.getHttpServer()).get('/t/scope').expect(200, { inRequestStore: false });
  });
});
