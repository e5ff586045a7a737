import { BadRequestException } from '@nestjs/common';
import { illFormedTextPath, storableText, WellFormedTextPipe } from './well-formed-text.pipe';

describe('WellFormedTextPipe (no U+0000, no unpaired surrogate in a request)', () => {
  const pipe = new WellFormedTextPipe();

  it('passes text of any script, emoji (surrogate pairs) included, and values that are not text', () => {
    const body = { summary: 'Vendeur « 🛒 » signalé — Zoll geprüft, 税関', n: 3, ok: true, none: null, list: ['a', { b: '😀' }] };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
    expect(pipe.transform('eyJhbGciOi.x.y', { type: 'body' })).toBe('eyJhbGciOi.x.y');
    expect(pipe.transform(Buffer.from([0, 0xd8]), { type: 'custom' })).toEqual(Buffer.from([0, 0xd8]));
  });

  it('refuses a NUL or an unpaired surrogate in the body, a query or a path parameter with 400 VALIDATION, naming where', () => {
    const refusal = (value: unknown, metadata: Parameters<WellFormedTextPipe['transform']>[1]) => {
      try {
        pipe.transform(value, metadata);
      } catch (error) {
        expect(error).toBeInstanceOf(BadRequestException);
        return { status: (error as BadRequestException).getStatus(), body: (error as BadRequestException).getResponse() };
      }
      throw new Error('not refused');
    };
    expect(refusal({ subject: { notes: ['ok', 'a\u0000b'] } }, { type: 'body' })).toEqual({
      status: 400,
      body: { code: 'VALIDATION', message: "the request's text must not contain U+0000 or an unpaired UTF-16 surrogate", issues: [{ path: '/subject/notes/1', code: 'text', message: 'must not contain U+0000 or an unpaired UTF-16 surrogate' }] },
    });
    expect(refusal({ status: '\ud800' }, { type: 'query' }).body).toMatchObject({ issues: [{ path: 'query/status' }] });
    expect(refusal('FR\u0000', { type: 'param', data: 'unitId' }).body).toMatchObject({ issues: [{ path: 'param:unitId' }] });
  });

  it('finds a bad member name without echoing it, and walks bodies nested deeper than the call stack', () => {
    expect(illFormedTextPath({ a: { 'x\u0000': 1 } })).toBe('/a');
    expect(illFormedTextPath({ 'a/b~': ['\udfff'] })).toBe('/a~1b~0/0');
    let deep: unknown = 'x\udc00';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(illFormedTextPath(deep)).toBe('/0'.repeat(200_000));
  });
});

describe('storableText', () => {
  it('gives U+FFFD for each U+0000 and unpaired surrogate, keeping pairs (emoji) and everything else', () => {
    expect(storableText('a\u0000b \ud800c \udc00d \ud83d\ude00 é')).toBe('a\uFFFDb \uFFFDc \uFFFDd \ud83d\ude00 é');
    expect(storableText('\udc00\ud800')).toBe('\uFFFD\uFFFD');
    expect(storableText('plain')).toBe('plain');
  });
});
