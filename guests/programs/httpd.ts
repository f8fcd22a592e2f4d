// httpd: an HTTP/1.1 file server for many clients at once. Serves the files under ROOT on PORT
// from one process (SIGPIPE ignored: a client that leaves costs only its connection): an event
// loop over nonblocking sockets (httpd/server.ts), keep-alive and
// pipelining, GET and HEAD, single byte ranges, directory index.html or listings, and an access
// log line per request on stderr (common log format). File bodies go out by the method chosen
// with --method (sendfile by default: disk -> page cache -> NIC, never through this program).
// Usage: httpd [--count N] [--method read+write|sendfile|splice|mmap+write] [--max-conns N]
//              [--timeout SECS] [--poller ppoll|epoll] [PORT] [ROOT]
//              (defaults 80 and /; --count N: exit after N requests)
// The modules, in guests/programs/httpd/: config (the command line), server (the event loop),
// poller (readiness: ppoll, or epoll with epoller), conn (per-connection state), request (head parsing), path
// (target -> file name), handler (what to answer), response (heads, error answers), range, mime,
// listing, body (the transfer methods), log, httpdate, bytes.
import { exit_group } from "../sdk";
import { parseConfig } from "./httpd/config";
import { serve } from "./httpd/server";

parseConfig();
exit_group(serve());
