// Runs @modelcontextprotocol/server-everything's streamable HTTP transport bound to 127.0.0.1 only
// (the server itself listens on all interfaces). Usage: node loopback-everything.mjs PATH/TO/dist/index.js PORT
import http from 'node:http';
import { pathToFileURL } from 'node:url';

const [entry, port] = process.argv.slice(2);
const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (...args) {
  const callback = args.find((a) => typeof a === 'function');
  return listen.call(this, Number(port), '127.0.0.1', callback);
};
process.env.PORT = port;
process.argv = [process.argv[0], entry, 'streamableHttp'];
await import(pathToFileURL(entry).href);
