/* squash: a bzip2-like workload for the translation benchmark (bench/translate.ts). It makes a
 * deterministic text, then compresses it two ways and checks the round trip:
 *   block:  Burrows-Wheeler transform, move-to-front, zero-run coding, canonical Huffman;
 *   lz:     LZ77 with hash chains, then canonical Huffman over literals and lengths.
 * Like bzip2 it has a few large functions (the coders below are written out in full on purpose).
 * Prints the sizes and a CRC-32 of the input; exits 1 if a round trip differs. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXSYM 320
#define MAXBITS 15

static uint32_t crc_table[256];

static void crc_init(void) {
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t c = n;
    for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    crc_table[n] = c;
  }
}

static uint32_t crc32(const uint8_t *p, size_t n) {
  uint32_t c = 0xffffffffu;
  while (n--) c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}

/* ---- bit I/O ---- */
typedef struct { uint8_t *buf; size_t pos; uint32_t acc; int n; } BitW;
typedef struct { const uint8_t *buf; size_t pos, len; uint32_t acc; int n; } BitR;

static void put_bits(BitW *w, uint32_t v, int n) {
  w->acc |= v << w->n;
  w->n += n;
  while (w->n >= 8) { w->buf[w->pos++] = (uint8_t)w->acc; w->acc >>= 8; w->n -= 8; }
}
static void flush_bits(BitW *w) { if (w->n > 0) w->buf[w->pos++] = (uint8_t)w->acc; w->acc = 0; w->n = 0; }
static uint32_t get_bits(BitR *r, int n) {
  while (r->n < n) { r->acc |= (uint32_t)(r->pos < r->len ? r->buf[r->pos] : 0) << r->n; r->pos++; r->n += 8; }
  uint32_t v = r->acc & ((1u << n) - 1);
  r->acc >>= n; r->n -= n;
  return v;
}

/* ---- canonical Huffman: lengths from frequencies (heap + depth limit), codes, decoding table ---- */
typedef struct { uint8_t len[MAXSYM]; uint16_t code[MAXSYM]; int nsym; } Huff;

static void huff_build(Huff *h, const uint32_t *freq, int nsym) {
  int heap[2 * MAXSYM], parent[2 * MAXSYM];
  uint32_t w[2 * MAXSYM];
  int n = 0, next = nsym;
  h->nsym = nsym;
  for (int i = 0; i < nsym; i++) { h->len[i] = 0; w[i] = freq[i] ? freq[i] : 0; }
  for (int scale = 0; ; scale++) {
    n = 0; next = nsym;
    for (int i = 0; i < nsym; i++) if (freq[i]) {
      w[i] = (freq[i] >> scale) | 1;
      int k = n++;
      while (k > 0 && w[heap[(k - 1) / 2]] > w[i]) { heap[k] = heap[(k - 1) / 2]; k = (k - 1) / 2; }
      heap[k] = i;
    }
    if (n == 0) return;
    if (n == 1) { h->len[heap[0]] = 1; break; }
    while (n > 1) {
      int pick[2];
      for (int t = 0; t < 2; t++) {
        pick[t] = heap[0];
        int last = heap[--n], k = 0;
        for (;;) {
          int c = 2 * k + 1;
          if (c >= n) break;
          if (c + 1 < n && w[heap[c + 1]] < w[heap[c]]) c++;
          if (w[last] <= w[heap[c]]) break;
          heap[k] = heap[c]; k = c;
        }
        heap[k] = last;
      }
      int node = next++;
      w[node] = w[pick[0]] + w[pick[1]];
      parent[pick[0]] = node; parent[pick[1]] = node;
      int k = n++;
      while (k > 0 && w[heap[(k - 1) / 2]] > w[node]) { heap[k] = heap[(k - 1) / 2]; k = (k - 1) / 2; }
      heap[k] = node;
    }
    int root = heap[0], too_long = 0;
    for (int i = 0; i < nsym; i++) if (freq[i]) {
      int d = 0;
      for (int x = i; x != root; x = parent[x]) d++;
      if (d > MAXBITS) too_long = 1;
      h->len[i] = (uint8_t)d;
    }
    if (!too_long) break;
  }
  int count[MAXBITS + 2] = {0}, first[MAXBITS + 2];
  for (int i = 0; i < nsym; i++) count[h->len[i]]++;
  count[0] = 0;
  int code = 0;
  for (int b = 1; b <= MAXBITS; b++) { code = (code + count[b - 1]) << 1; first[b] = code; }
  for (int i = 0; i < nsym; i++) if (h->len[i]) {
    int c = first[h->len[i]]++, r = 0;
    for (int b = 0; b < h->len[i]; b++) r |= ((c >> b) & 1) << (h->len[i] - 1 - b);
    h->code[i] = (uint16_t)r;
  }
}

static int huff_decode(BitR *r, const Huff *h) {
  int code = 0, first = 0, index = 0;
  int count[MAXBITS + 1] = {0};
  static int order[MAXSYM];
  for (int i = 0; i < h->nsym; i++) count[h->len[i]]++;
  int k = 0;
  for (int b = 1; b <= MAXBITS; b++) for (int i = 0; i < h->nsym; i++) if (h->len[i] == b) order[k++] = i;
  for (int len = 1; len <= MAXBITS; len++) {
    code |= (int)get_bits(r, 1);
    int c = count[len];
    if (code - c < first) return order[index + (code - first)];
    index += c; first += c; first <<= 1; code <<= 1;
  }
  return -1;
}

static void put_lengths(BitW *w, const Huff *h) { for (int i = 0; i < h->nsym; i++) put_bits(w, h->len[i], 4); }
static void get_lengths(BitR *r, Huff *h, int nsym) {
  h->nsym = nsym;
  for (int i = 0; i < nsym; i++) h->len[i] = (uint8_t)get_bits(r, 4);
}

/* ---- block coder: BWT (prefix-doubling suffix sort), MTF, zero runs, Huffman ---- */
static const uint8_t *bwt_text;
static int *bwt_rank, bwt_k, bwt_n;

static int bwt_cmp(const void *a, const void *b) {
  int i = *(const int *)a, j = *(const int *)b;
  if (bwt_rank[i] != bwt_rank[j]) return bwt_rank[i] < bwt_rank[j] ? -1 : 1;
  int ri = bwt_rank[(i + bwt_k) % bwt_n], rj = bwt_rank[(j + bwt_k) % bwt_n];
  return ri < rj ? -1 : ri > rj;
}

static size_t block_compress(const uint8_t *in, int n, uint8_t *out) {
  int *sa = malloc(n * sizeof(int)), *rank = malloc(n * sizeof(int)), *tmp = malloc(n * sizeof(int));
  uint16_t *syms = malloc((n + 2) * sizeof(uint16_t));
  uint8_t *last = malloc(n);
  int primary = 0;
  bwt_text = in; bwt_rank = rank; bwt_n = n;
  for (int i = 0; i < n; i++) { sa[i] = i; rank[i] = in[i]; }
  for (bwt_k = 1; ; bwt_k <<= 1) {
    qsort(sa, n, sizeof(int), bwt_cmp);
    tmp[sa[0]] = 0;
    for (int i = 1; i < n; i++) tmp[sa[i]] = tmp[sa[i - 1]] + (bwt_cmp(&sa[i - 1], &sa[i]) < 0);
    memcpy(rank, tmp, n * sizeof(int));
    if (rank[sa[n - 1]] == n - 1 || bwt_k >= n) break;
  }
  for (int i = 0; i < n; i++) {
    last[i] = in[(sa[i] + n - 1) % n];
    if (sa[i] == 0) primary = i;
  }
  uint8_t mtf[256];
  for (int i = 0; i < 256; i++) mtf[i] = (uint8_t)i;
  int ns = 0, zeros = 0;
  uint32_t freq[MAXSYM] = {0};
  for (int i = 0; i <= n; i++) {
    int v = 0;
    if (i < n) {
      uint8_t c = last[i];
      while (mtf[v] != c) v++;
      memmove(mtf + 1, mtf, v);
      mtf[0] = c;
    }
    if (i < n && v == 0) { zeros++; continue; }
    while (zeros > 0) {           /* a run of zeros in bijective base 2: symbols 0 (RUNA) and 1 (RUNB) */
      zeros--;
      int s = zeros & 1;
      syms[ns++] = (uint16_t)s; freq[s]++;
      zeros >>= 1;
    }
    if (i < n) { syms[ns++] = (uint16_t)(v + 1); freq[v + 1]++; }
  }
  syms[ns++] = 257; freq[257]++;  /* end of block */
  Huff h;
  huff_build(&h, freq, 258);
  BitW w = { out, 0, 0, 0 };
  put_bits(&w, (uint32_t)n, 24); put_bits(&w, (uint32_t)primary, 24);
  put_lengths(&w, &h);
  for (int i = 0; i < ns; i++) put_bits(&w, h.code[syms[i]], h.len[syms[i]]);
  flush_bits(&w);
  free(sa); free(rank); free(tmp); free(syms); free(last);
  return w.pos;
}

static int block_decompress(const uint8_t *in, size_t len, uint8_t *out) {
  BitR r = { in, 0, len, 0, 0 };
  int n = (int)get_bits(&r, 24), primary = (int)get_bits(&r, 24);
  Huff h;
  get_lengths(&r, &h, 258);
  uint8_t *last = malloc(n + 1), mtf[256];
  for (int i = 0; i < 256; i++) mtf[i] = (uint8_t)i;
  int m = 0, run = 0, bit = 1;
  for (;;) {
    int s = huff_decode(&r, &h);
    if (s < 0) { free(last); return -1; }
    if (s <= 1) { run += bit << s; bit <<= 1; continue; }
    while (run > 0 && m < n) { last[m++] = mtf[0]; run--; }
    run = 0; bit = 1;
    if (s == 257) break;
    int v = s - 1;
    uint8_t c = mtf[v];
    memmove(mtf + 1, mtf, v);
    mtf[0] = c;
    if (m < n) last[m++] = c;
  }
  if (m != n) { free(last); return -1; }
  int count[256] = {0}, base[256], *next = malloc(n * sizeof(int));
  for (int i = 0; i < n; i++) count[last[i]]++;
  for (int c = 0, sum = 0; c < 256; c++) { base[c] = sum; sum += count[c]; }
  for (int i = 0; i < n; i++) next[base[last[i]]++] = i;
  int p = next[primary];
  for (int i = 0; i < n; i++) { out[i] = last[p]; p = next[p]; }
  free(next); free(last);
  return n;
}

/* ---- LZ77 coder: hash chains, lengths 3..258 as symbols 256..(256+LEN_CODES) plus extra bits ---- */
#define WINDOW 32768
#define HASH 4096
#define LEN_CODES 29
#define DIST_CODES 30
static const uint16_t len_base[LEN_CODES] = {3,4,5,6,7,8,9,10,11,13,15,17,19,23,27,31,35,43,51,59,67,83,99,115,131,163,195,227,258};
static const uint8_t len_extra[LEN_CODES] = {0,0,0,0,0,0,0,0,1,1,1,1,2,2,2,2,3,3,3,3,4,4,4,4,5,5,5,5,0};
static const uint16_t dist_base[DIST_CODES] = {1,2,3,4,5,7,9,13,17,25,33,49,65,97,129,193,257,385,513,769,1025,1537,2049,3073,4097,6145,8193,12289,16385,24577};
static const uint8_t dist_extra[DIST_CODES] = {0,0,0,0,1,1,2,2,3,3,4,4,5,5,6,6,7,7,8,8,9,9,10,10,11,11,12,12,13,13};

static size_t lz_compress(const uint8_t *in, int n, uint8_t *out) {
  int *head = malloc(HASH * sizeof(int)), *prev = malloc(n * sizeof(int));
  uint32_t *toks = malloc((n + 1) * sizeof(uint32_t));
  uint32_t lfreq[MAXSYM] = {0}, dfreq[DIST_CODES] = {0};
  int nt = 0;
  for (int i = 0; i < HASH; i++) head[i] = -1;
  for (int i = 0; i < n; ) {
    int best = 0, bdist = 0;
    if (i + 2 < n) {
      int hsh = ((in[i] << 8) ^ (in[i + 1] << 4) ^ in[i + 2]) & (HASH - 1);
      int cand = head[hsh], chain = 64;
      while (cand >= 0 && i - cand <= WINDOW && chain-- > 0) {
        int l = 0;
        while (l < 258 && i + l < n && in[cand + l] == in[i + l]) l++;
        if (l > best) { best = l; bdist = i - cand; }
        cand = prev[cand];
      }
      prev[i] = head[hsh]; head[hsh] = i;
    }
    if (best >= 3) {
      int lc = 0, dc = 0;
      while (lc + 1 < LEN_CODES && len_base[lc + 1] <= best) lc++;
      while (dc + 1 < DIST_CODES && dist_base[dc + 1] <= bdist) dc++;
      toks[nt++] = 1u << 31 | (uint32_t)best << 16 | (uint32_t)bdist;
      lfreq[256 + lc]++; dfreq[dc]++;
      for (int k = 1; k < best; k++) {
        int j = i + k;
        if (j + 2 < n) {
          int hsh = ((in[j] << 8) ^ (in[j + 1] << 4) ^ in[j + 2]) & (HASH - 1);
          prev[j] = head[hsh]; head[hsh] = j;
        }
      }
      i += best;
    } else {
      toks[nt++] = in[i]; lfreq[in[i]]++; i++;
    }
  }
  lfreq[256 + LEN_CODES]++;   /* end */
  Huff lh, dh;
  huff_build(&lh, lfreq, 256 + LEN_CODES + 1);
  dfreq[0] |= 1;
  huff_build(&dh, dfreq, DIST_CODES);
  BitW w = { out, 0, 0, 0 };
  put_bits(&w, (uint32_t)n, 24);
  put_lengths(&w, &lh); put_lengths(&w, &dh);
  for (int t = 0; t < nt; t++) {
    uint32_t tok = toks[t];
    if (!(tok >> 31)) { put_bits(&w, lh.code[tok], lh.len[tok]); continue; }
    int len = (tok >> 16) & 0x7fff, dist = tok & 0xffff, lc = 0, dc = 0;
    while (lc + 1 < LEN_CODES && len_base[lc + 1] <= len) lc++;
    while (dc + 1 < DIST_CODES && dist_base[dc + 1] <= dist) dc++;
    put_bits(&w, lh.code[256 + lc], lh.len[256 + lc]);
    if (len_extra[lc]) put_bits(&w, (uint32_t)(len - len_base[lc]), len_extra[lc]);
    put_bits(&w, dh.code[dc], dh.len[dc]);
    if (dist_extra[dc]) put_bits(&w, (uint32_t)(dist - dist_base[dc]), dist_extra[dc]);
  }
  put_bits(&w, lh.code[256 + LEN_CODES], lh.len[256 + LEN_CODES]);
  flush_bits(&w);
  free(head); free(prev); free(toks);
  return w.pos;
}

static int lz_decompress(const uint8_t *in, size_t len, uint8_t *out) {
  BitR r = { in, 0, len, 0, 0 };
  int n = (int)get_bits(&r, 24), m = 0;
  Huff lh, dh;
  get_lengths(&r, &lh, 256 + LEN_CODES + 1);
  get_lengths(&r, &dh, DIST_CODES);
  for (;;) {
    int s = huff_decode(&r, &lh);
    if (s < 0) return -1;
    if (s < 256) { if (m >= n) return -1; out[m++] = (uint8_t)s; continue; }
    if (s == 256 + LEN_CODES) break;
    int lc = s - 256, l = len_base[lc] + (int)get_bits(&r, len_extra[lc]);
    int dc = huff_decode(&r, &dh);
    if (dc < 0) return -1;
    int d = dist_base[dc] + (int)get_bits(&r, dist_extra[dc]);
    if (d > m || m + l > n) return -1;
    for (int k = 0; k < l; k++, m++) out[m] = out[m - d];
  }
  return m;
}

/* ---- a deterministic text: words from a small vocabulary, picked by a linear congruential generator ---- */
static int make_text(uint8_t *buf, int n) {
  static const char *words[] = { "the", "kernel", "page", "cache", "copies", "data", "into", "user", "memory",
    "and", "a", "process", "waits", "for", "disk", "interrupt", "while", "scheduler", "runs", "another", "one" };
  uint32_t seed = 12345;
  int m = 0;
  while (m < n) {
    seed = seed * 1103515245u + 12345u;
    const char *w = words[(seed >> 16) % (sizeof words / sizeof *words)];
    while (*w && m < n) buf[m++] = (uint8_t)*w++;
    if (m < n) buf[m++] = (seed >> 8) % 11 == 0 ? '\n' : ' ';
  }
  return m;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 20000;
  if (n < 16 || n > (1 << 22)) { fprintf(stderr, "squash: size out of range\n"); return 2; }
  uint8_t *text = malloc(n), *packed = malloc(2 * n + 1024), *back = malloc(n);
  crc_init();
  make_text(text, n);
  uint32_t crc = crc32(text, n);
  size_t b = block_compress(text, n, packed);
  int ok = block_decompress(packed, b, back) == n && memcmp(text, back, n) == 0;
  size_t l = lz_compress(text, n, packed);
  ok = ok && lz_decompress(packed, l, back) == n && memcmp(text, back, n) == 0;
  printf("squash: %d bytes (crc32 %08x): block %zu bytes, lz %zu bytes, round trips %s\n",
         n, (unsigned)crc, b, l, ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
