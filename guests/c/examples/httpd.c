/* httpd: a small HTTP file server in C. Serves the files under ROOT on PORT, one connection and
 * one request at a time (each answer ends with Connection: close). A file's body goes out with
 * sendfile(): disk -> page cache -> NIC, never through this program's memory.
 *   GET or HEAD of a regular file   200 with Content-Length; a directory 403; a missing file 404;
 *   another method 405; a malformed request or a path with ".." 400
 * One line per request on stderr: METHOD TARGET STATUS BODY-BYTES, e.g. GET /data/4k.bin 200 4096
 * Usage: httpd [--count N] [PORT] [ROOT]   (defaults 80 and /; --count N: exit after N requests)
 * Build: wasmos build guests/c/examples/httpd.c -o httpd.wasm   (or with --no-wasi)
 * Run:   wasmos run --hostfwd tcp:127.0.0.1:8080-:80 httpd.wasm, then curl 127.0.0.1:8080/etc/motd */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>

static char req[8192];
static char path[1024];

static void fail(const char *what) {
  fprintf(stderr, "httpd: %s: %s\n", what, strerror(errno));
  exit(1);
}

static void send_all(int sock, const char *p, size_t n) {
  while (n > 0) {
    ssize_t r = send(sock, p, n, MSG_NOSIGNAL);
    if (r < 0) return;                       /* the client went away: nothing more to tell it */
    p += r;
    n -= r;
  }
}

/* A response without a file body: the status line, and the reason as a text body (not for HEAD). */
static long reply(int sock, int status, const char *reason, int head) {
  char out[256];
  char body[64];
  int blen = snprintf(body, sizeof body, "%d %s\n", status, reason);
  int n = snprintf(out, sizeof out, "HTTP/1.0 %d %s\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n"
    "Connection: close\r\n\r\n%s", status, reason, blen, head ? "" : body);
  send_all(sock, out, n);
  return head ? 0 : blen;
}

/* Serve ROOT/target: the head, then the body by sendfile. Returns the body bytes sent. */
static long serve_file(int sock, const char *root, const char *target, int head, int *status) {
  snprintf(path, sizeof path, "%s%s", strcmp(root, "/") == 0 ? "" : root, target);
  int dir = open(path, O_RDONLY | O_DIRECTORY);
  if (dir >= 0) { close(dir); *status = 403; return reply(sock, 403, "Forbidden", head); }
  int fd = open(path, O_RDONLY);
  if (fd < 0) { *status = 404; return reply(sock, 404, "Not Found", head); }
  off_t size = lseek(fd, 0, SEEK_END);
  char out[256];
  int n = snprintf(out, sizeof out, "HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\n"
    "Content-Length: %lld\r\nConnection: close\r\n\r\n", (long long)size);
  send_all(sock, out, n);
  *status = 200;
  long sent = 0;
  off_t off = 0;
  while (!head && sent < size) {
    ssize_t r = sendfile(sock, fd, &off, size - sent);
    if (r <= 0) break;
    sent += r;
  }
  close(fd);
  return sent;
}

/* Read the request head (up to the blank line), answer it, log it. */
static void handle(int sock, const char *root) {
  size_t got = 0;
  while (got < sizeof req - 1 && !strstr(req, "\r\n\r\n")) {
    ssize_t r = recv(sock, req + got, sizeof req - 1 - got, 0);
    if (r <= 0) break;
    got += r;
    req[got] = 0;
  }
  char method[16] = "-", target[1024] = "-";
  int status = 400;
  long bytes;
  if (sscanf(req, "%15s %1023s HTTP/", method, target) != 2 || target[0] != '/' || strstr(target, "..")) {
    bytes = reply(sock, 400, "Bad Request", 0);
  } else if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
    status = 405;
    bytes = reply(sock, 405, "Method Not Allowed", 0);
  } else {
    bytes = serve_file(sock, root, target, method[0] == 'H', &status);
  }
  fprintf(stderr, "%s %s %d %ld\n", method, target, status, bytes);
  shutdown(sock, SHUT_WR);
  while (recv(sock, req, sizeof req, 0) > 0) {}    /* until the client closes: it gets every byte */
  close(sock);
}

int main(int argc, char **argv) {
  int i = 1, count = -1;
  if (i + 1 < argc && strcmp(argv[i], "--count") == 0) { count = atoi(argv[i + 1]); i += 2; }
  int port = i < argc ? atoi(argv[i++]) : 80;
  const char *root = i < argc ? argv[i] : "/";
  int ls = socket(AF_INET, SOCK_STREAM, 0);
  if (ls < 0) fail("socket");
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  sa.sin_addr.s_addr = htonl(INADDR_ANY);
  if (bind(ls, (struct sockaddr *)&sa, sizeof sa) < 0) fail("bind");
  if (listen(ls, 8) < 0) fail("listen");
  for (int served = 0; count < 0 || served < count; served++) {
    memset(req, 0, sizeof req);
    int s = accept(ls, 0, 0);
    if (s < 0) fail("accept");
    handle(s, root);
  }
  close(ls);
  return 0;
}
