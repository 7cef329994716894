/* global process, console */
// A relying application on the npm client http-cas-client, used as its README shows: the
// handler guards every request of a plain node:http server, keeps the session in its `st`
// cookie and handles Single Logout (slo: true is its default). Settings from the environment:
//   CAS_URL        the server's prefix, e.g. https://127.0.0.1:8443/cas
//   CAS_PROTOCOL   2 or 3 (CAS 3.0 reads attributes)
// The CAS server's certificate is trusted through NODE_EXTRA_CA_CERTS, as a deployment would.
// Prints "listening on http://127.0.0.1:PORT" once it accepts requests.
import { createServer } from 'node:http';
import httpCasClient from 'http-cas-client';

const casUrl = process.env.CAS_URL;
const protocol = Number(process.env.CAS_PROTOCOL);
if (!casUrl || ![2, 3].includes(protocol)) {
  console.error('CAS_URL and CAS_PROTOCOL (2 or 3) are required');
  process.exit(2);
}

const server = createServer();
let handler;

server.on('request', async (req, res) => {
  try {
    if (!(await handler(req, res))) {
      res.end();
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(`${JSON.stringify({ client: 'http-cas-client', protocol, principal: req.principal }, null, 2)}\n`);
  } catch (err) {
    // The library rejects a ticket the server refused: show why, as a developer would see it.
    res.statusCode = 500;
    res.end(`http-cas-client failed: ${err.message}\n`);
  }
});

server.listen(0, '127.0.0.1', () => {
  const serverName = `http://127.0.0.1:${server.address().port}`;
  handler = httpCasClient({ cas: protocol, casServerUrlPrefix: casUrl, serverName });
  console.log(`listening on ${serverName}`);
});
