// A forward proxy on loopback for tests, which records what went through it: the method and URL of each plain
// HTTP request and the target of each CONNECT tunnel. Both go to this computer at the port named, whatever the
// host, so a made-up host reaches a local fake API and nothing outside is ever reached (a tunnel to a port nobody
// listens on is refused). Only the request line is recorded, never a header or a tunnelled byte, so the key a
// client sends never lands in a test's log.
import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';

export interface RecordingProxy {
  /** http://127.0.0.1:<port> */
  url: string;
  /** "GET http://fake-api.invalid:1234/v1beta/models", "CONNECT example.com:443", in order. */
  seen: string[];
  close(): Promise<void>;
}

export async function startRecordingProxy(): Promise<RecordingProxy> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const upstream = request(
      { host: '127.0.0.1', port: target.port || 80, path: `${target.pathname}${target.search}`, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req, socket, head) => {
    seen.push(`CONNECT ${req.url}`);
    const port = Number(new URL(`http://${req.url ?? ''}`).port || 443);
    const upstream = connect(port, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on('error', () => socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
