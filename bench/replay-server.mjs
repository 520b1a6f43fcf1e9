// Replays one recorded SSE answer as fast as the socket takes it, so a benchmark measures the client, not the server.
// Usage: node bench/replay-server.mjs <file>; prints "listening on http://127.0.0.1:<port>".
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const payload = readFileSync(process.argv[2]);
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.end(payload);
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
