import { type Server } from 'node:http';
import { type Duplex } from 'node:stream';

/** How long a refused connection may stay open for its client to read the answer and close. */
const LINGER_MS = 5_000;

/** What Node's HTTP parser refuses before any route runs, as the apps' other refusals: a code and a message. */
function refusalOf(error: NodeJS.ErrnoException): { status: number; reason: string; code: string; message: string } {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, reason: 'Request Header Fields Too Large', code: 'HEADERS_TOO_LARGE', message: 'the request line and headers are larger than the server takes (16 KiB)' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, reason: 'Request Timeout', code: 'REQUEST_TIMEOUT', message: 'the request did not arrive in time' };
    default:
      return { status: 400, reason: 'Bad Request', code: 'MALFORMED_HTTP', message: 'the request is not well-formed HTTP/1.1' };
  }
}

/**
 * Answers a request Node's parser refused (a URL or headers over 16 KiB, broken HTTP) with a
 * JSON `{ code, message }`, where Node writes a bare status line: a client can tell a query too
 * long from a server fault. As Node's own handler does, it answers only where no response has
 * begun, and closes the connection; the parser's error text is not echoed.
 */
export function answerClientErrors(server: Server): void {
  const answered = new WeakSet<Duplex>();
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // The rest of a refused request still arrives and fails the parser again: the answer is
    // already on its way, and destroying the socket now would reset it before the client reads it.
    if (answered.has(socket)) return;
    // Node's own rule: answer unless a response of this connection has begun (keep-alive
    // connections have sent earlier answers; only one half-written would be corrupted).
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (!socket.writable || inFlight?.headersSent === true) {
      socket.destroy();
      return;
    }
    answered.add(socket);
    const { status, reason, code, message } = refusalOf(error);
    const body = JSON.stringify({ code, message });
    // end(), not write() then destroy(): the answer is flushed before the connection closes.
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    // A client that neither reads nor closes does not keep the connection.
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
}
