// The fast matrix product, written once and compiled once per (scalar type, instruction set) by gemm.c:
//
//     C = alpha * op(A) * op(B) + beta * C        row-major; op(A) is m x k, op(B) is k x n, C is m x n
//
// gemm.c defines these macros before each inclusion (and undefines them after):
//   GT       the scalar type (float or double)
//   GV       a GCC/Clang vector of GVL scalars of type GT (the compiler maps it to AVX2, SSE2 or NEON registers)
//   GVL      lanes per vector
//   GMR      rows of the register tile (C rows computed at once)
//   GNV      vectors per tile row: the tile is GMR x GNR with GNR = GNV * GVL columns
//   GNAME(x) the name of x in this instantiation (x##_f32_avx2, ...)
//   GATTR    the attribute compiling the functions for the instruction set (target("avx2,fma") or nothing)
//   GDOT_M, GDOT_N, GDIRECT_M   the shape thresholds of uses_dot and gemm_part (below)
// and this file undefines them all at its end.
//
// Two register-blocked kernels do all the arithmetic:
//
// * the tile kernel computes a GMR x GNR block of C as GMR*GNV vector accumulators: for each p it loads one row of
//   the op(B) panel (GNV vectors) and, for each row r, broadcasts op(A)[r][p] and adds broadcast * row (one FMA per
//   accumulator). op(A) is read in place when A is not transposed (element (r, p) is A[r*ars + p*acs]) and copied
//   p-major once per block of k when it is (its rows are then columns of A, one cache line per element); op(B) rows
//   must be contiguous, so B is read in place when it is not transposed and at most GDIRECT_M rows sweep it, and
//   otherwise packed (copied, transposed if need be) into panels of GNR columns, GKC rows of k at a time so that a
//   panel stays in L1 while the row tiles sweep over it;
// * the dot kernel computes a 4 x 3 block of C as 12 vector dot products of contiguous rows of A and B over p,
//   then sums each vector's lanes: for A B^T with few rows or columns of C (no packing, which would cost as much as
//   the product), and for A B with few columns of C (dX = dZ W^T), where a GNR-wide tile would mostly compute
//   padding, after copying the narrow B transposed.

#define GNR (GNV * GVL)

// k rows of op(B) packed at a time: 128 in every instantiation (GNR * GKC scalars, 16 KiB at most, stay in L1 while a
// panel is in use). Each block of k is summed into its own accumulators and then added to C, so the block length
// decides where a sum rounds: one length for all instruction sets is what lets them give the same bits.
#define GKC 128L
// Columns of op(B) packed at a time: GKC * GNC scalars = 256 KiB, half of a typical L2.
#define GNC (262144 / (GKC * (long)sizeof(GT)))

static inline __attribute__((always_inline)) GATTR GV GNAME(load)(const GT *p) {
  GV v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}

static inline __attribute__((always_inline)) GATTR void GNAME(store)(GT *p, GV v) { __builtin_memcpy(p, &v, sizeof v); }

static inline __attribute__((always_inline)) GATTR GV GNAME(splat)(GT x) {
  GV v;
  for (int l = 0; l < GVL; l++) v[l] = x;
  return v;
}

// C[0..mr)[0..nvalid) = alpha * sum_p op(A)[r][p] * panel[p][j] + beta * C (C not read when beta == 0).
// a points at op(A)[0][0] of the tile (element (r, p) at a[r*ars + p*acs]); panel row p starts at b + p*brs and has
// GNR readable scalars (only the first nvalid of which need be meaningful).
static inline __attribute__((always_inline)) GATTR void GNAME(tile)(
    const int mr, const long k, const GT *restrict a, const long ars, const long acs, const GT *restrict b,
    const long brs, GT *restrict c, const long ldc, const long nvalid, const GT alpha, const GT beta) {
  GV acc[GMR][GNV];
  for (int r = 0; r < GMR; r++)
    for (int v = 0; v < GNV; v++) acc[r][v] = GNAME(splat)(0);
  for (long p = 0; p < k; p++) {
    GV bv[GNV];
    for (int v = 0; v < GNV; v++) bv[v] = GNAME(load)(b + p * brs + v * GVL);
    for (int r = 0; r < mr; r++) {
      const GV av = GNAME(splat)(a[r * ars + p * acs]);
      for (int v = 0; v < GNV; v++) acc[r][v] += av * bv[v];
    }
  }
  if (nvalid == GNR) {
    for (int r = 0; r < mr; r++)
      for (int v = 0; v < GNV; v++) {
        GT *cp = c + r * ldc + v * GVL;
        GV x = acc[r][v];
        if (alpha != 1) x *= alpha;
        if (beta == 1) x += GNAME(load)(cp);
        else if (beta != 0) x += beta * GNAME(load)(cp);
        GNAME(store)(cp, x);
      }
  } else {
    GT t[GNR];
    for (int r = 0; r < mr; r++) {
      for (int v = 0; v < GNV; v++) GNAME(store)(t + v * GVL, acc[r][v]);
      GT *cp = c + r * ldc;
      for (long j = 0; j < nvalid; j++) {  // the operations of the full tile's path above, one element at a time
        GT x = t[j];
        if (alpha != 1) x *= alpha;
        if (beta == 1) x += cp[j];
        else if (beta != 0) x += beta * cp[j];
        cp[j] = x;
      }
    }
  }
}

// One band of mr rows of C against every panel of the block: columns [0, nc) of C, panels of GNR columns.
// When packed, panel q starts at b + q*GNR*kc with rows of GNR; otherwise B is read in place (rows of ldb) except
// the last, partial panel, copied and zero-padded into edge (kc x GNR).
static inline __attribute__((always_inline)) GATTR void GNAME(band)(
    const int mr, const long nc, const long kc, const GT *restrict a, const long ars, const long acs,
    const GT *restrict b, const bool packed, const long ldb, const GT *restrict edge, GT *restrict c, const long ldc,
    const GT alpha, const GT beta) {
  for (long j = 0; j < nc; j += GNR) {
    const long nvalid = nc - j < GNR ? nc - j : GNR;
    if (packed) GNAME(tile)(mr, kc, a, ars, acs, b + j * kc, GNR, c + j, ldc, nvalid, alpha, beta);
    else if (nvalid == GNR) GNAME(tile)(mr, kc, a, ars, acs, b + j, ldb, c + j, ldc, GNR, alpha, beta);
    else GNAME(tile)(mr, kc, a, ars, acs, edge, GNR, c + j, ldc, nvalid, alpha, beta);
  }
}

// A band with the tile height and the orientation of A as compile-time constants, so that each combination gets its
// own fully unrolled kernel (accumulators in registers).
static GATTR void GNAME(band_dispatch)(
    const int mr, const bool transA, const long nc, const long kc, const GT *restrict a, const long lda,
    const GT *restrict b, const bool packed, const long ldb, const GT *restrict edge, GT *restrict c, const long ldc,
    const GT alpha, const GT beta) {
#define GBAND(MR)                                                                                                 \
  case MR:                                                                                                        \
    if (transA) GNAME(band)(MR, nc, kc, a, 1, lda, b, packed, ldb, edge, c, ldc, alpha, beta);                    \
    else GNAME(band)(MR, nc, kc, a, lda, 1, b, packed, ldb, edge, c, ldc, alpha, beta);                           \
    break;
  switch (mr) {
#if GMR >= 12
    GBAND(12)
    GBAND(11)
    GBAND(10)
    GBAND(9)
    GBAND(8)
    GBAND(7)
#endif
#if GMR >= 6
    GBAND(6)
#endif
#if GMR >= 5
    GBAND(5)
#endif
    GBAND(4)
    GBAND(3)
    GBAND(2)
    GBAND(1)
  }
#undef GBAND
}

// Copies op(B)[p0 ..< p0+kc][j0 ..< j0+nc] into panels of GNR columns: panel q, row p, column jj at
// dst[q*GNR*kc + p*GNR + jj]; columns past nc are zero.
static GATTR void GNAME(pack_b)(
    const bool transB, const long kc, const long nc, const GT *restrict b, const long ldb, GT *restrict dst) {
  for (long j = 0; j < nc; j += GNR) {
    const long nvalid = nc - j < GNR ? nc - j : GNR;
    GT *restrict panel = dst + j * kc;
    if (!transB) {  // op(B) row p is B row p: copy GNR contiguous scalars per row
      if (nvalid == GNR) {
        for (long p = 0; p < kc; p++)
          for (int v = 0; v < GNV; v++) GNAME(store)(panel + p * GNR + v * GVL, GNAME(load)(b + p * ldb + j + v * GVL));
      } else {
        for (long p = 0; p < kc; p++)
          for (long jj = 0; jj < GNR; jj++) panel[p * GNR + jj] = jj < nvalid ? b[p * ldb + j + jj] : 0;
      }
    } else {  // op(B)[p][j] = B[j][p]: B rows j..j+GNR are contiguous over p; transpose them into the panel
      for (long jj = 0; jj < GNR; jj++) {
        if (jj < nvalid) {
          const GT *restrict src = b + (j + jj) * ldb;
          for (long p = 0; p < kc; p++) panel[p * GNR + jj] = src[p];
        } else {
          for (long p = 0; p < kc; p++) panel[p * GNR + jj] = 0;
        }
      }
    }
  }
}

// The dot kernel's lanes: every instantiation sums a dot product in GDW = 64 bytes' worth of partial sums (16 floats,
// 8 doubles), lane l taking the terms p = l (mod GDW), whatever its vector width: GDV vectors of GVL lanes each. The
// lanes are then added in order 0 ..< GDW, and the last k mod GDW terms one by one, so AVX2 (two vectors of 8 floats)
// and AVX-512 (one of 16) add the same numbers in the same order.
#define GDW (64 / (int)sizeof(GT))
#define GDV (GDW / GVL)

// The sum of GDV vectors' lanes, in lane order.
static inline __attribute__((always_inline)) GATTR GT GNAME(lanes_sum)(const GV *v) {
  GT t[GDW];
  for (int u = 0; u < GDV; u++) GNAME(store)(t + u * GVL, v[u]);
  GT s = 0;
  for (int l = 0; l < GDW; l++) s += t[l];
  return s;
}

// C[0..mr)[0..nr) = alpha * A[r] . B[j] + beta * C for rows A[r] (at a + r*lda) and B[j] (at b + j*ldb), each k long.
static inline __attribute__((always_inline)) GATTR void GNAME(dot_tile)(
    const int mr, const int nr, const long k, const GT *restrict a, const long lda, const GT *restrict b,
    const long ldb, GT *restrict c, const long ldc, const GT alpha, const GT beta) {
  GV acc[4][3][GDV];
  for (int r = 0; r < 4; r++)
    for (int j = 0; j < 3; j++)
      for (int u = 0; u < GDV; u++) acc[r][j][u] = GNAME(splat)(0);
  long p = 0;
  for (; p + GDW <= k; p += GDW) {
    for (int u = 0; u < GDV; u++) {
      GV bv[3];
      for (int j = 0; j < nr; j++) bv[j] = GNAME(load)(b + j * ldb + p + u * GVL);
      for (int r = 0; r < mr; r++) {
        const GV av = GNAME(load)(a + r * lda + p + u * GVL);
        for (int j = 0; j < nr; j++) acc[r][j][u] += av * bv[j];
      }
    }
  }
  for (int r = 0; r < mr; r++)
    for (int j = 0; j < nr; j++) {
      GT s = GNAME(lanes_sum)(acc[r][j]);
      for (long q = p; q < k; q++) s += a[r * lda + q] * b[j * ldb + q];
      GT *cp = c + r * ldc + j;
      *cp = alpha * s + (beta == 0 ? 0 : beta * *cp);
    }
}

static GATTR void GNAME(dot_dispatch)(
    const int mr, const int nr, const long k, const GT *restrict a, const long lda, const GT *restrict b,
    const long ldb, GT *restrict c, const long ldc, const GT alpha, const GT beta) {
#define GDOT(MR, NR) GNAME(dot_tile)(MR, NR, k, a, lda, b, ldb, c, ldc, alpha, beta)
  switch (mr * 4 + nr) {
    case 4 * 4 + 3: GDOT(4, 3); break;
    case 4 * 4 + 2: GDOT(4, 2); break;
    case 4 * 4 + 1: GDOT(4, 1); break;
    case 3 * 4 + 3: GDOT(3, 3); break;
    case 3 * 4 + 2: GDOT(3, 2); break;
    case 3 * 4 + 1: GDOT(3, 1); break;
    case 2 * 4 + 3: GDOT(2, 3); break;
    case 2 * 4 + 2: GDOT(2, 2); break;
    case 2 * 4 + 1: GDOT(2, 1); break;
    case 1 * 4 + 3: GDOT(1, 3); break;
    case 1 * 4 + 2: GDOT(1, 2); break;
    case 1 * 4 + 1: GDOT(1, 1); break;
  }
#undef GDOT
}

// C = alpha * A * B^T + beta * C by dot products of rows (A is m x k, B is n x k, both rows contiguous).
static GATTR void GNAME(gemm_dot)(
    const long m, const long n, const long k, const GT alpha, const GT *restrict A, const long lda,
    const GT *restrict B, const long ldb, const GT beta, GT *restrict C, const long ldc) {
  for (long i = 0; i < m; i += 4) {
    const int mr = m - i < 4 ? (int)(m - i) : 4;
    for (long j = 0; j < n; j += 3) {
      const int nr = n - j < 3 ? (int)(n - j) : 3;
      GNAME(dot_dispatch)(mr, nr, k, A + i * lda, lda, B + j * ldb, ldb, C + i * ldc + j, ldc, alpha, beta);
    }
  }
}

// The height of the next row tile when `left` rows remain: GMR, except that the last 7 or 8 rows are cut 4 + 3 or
// 4 + 4 rather than 6 + 1 or 6 + 2, because a tile of 1 or 2 rows has too few independent accumulators to keep the
// FMA units busy.
static inline int GNAME(tile_rows)(const long left) {
  return left < GMR ? (int)left : (GMR == 6 && (left == 7 || left == 8)) ? 4 : GMR;
}

// C = alpha * op(A) * op(B) + beta * C (m x n) with the tile kernel. `work` holds GKC * GNC scalars, or is NULL when
// B is read in place (B not transposed); `edge` holds GKC * GNR scalars; `aWork` holds m * GKC scalars when A is
// transposed and C has more than one panel of columns (unless A is one small block, see gemm_part), and is NULL otherwise.
// `prepacked`, when not NULL, is all of op(B) already packed by prepack_b (B and work are then unused).
static GATTR void GNAME(gemm_tiles)(
    const bool transA, const bool transB, const long m, const long n, const long k, const GT alpha,
    const GT *restrict A, const long lda, const GT *restrict B, const long ldb, const GT beta, GT *restrict C,
    const long ldc, GT *restrict work, GT *restrict edge, GT *restrict aWork, const GT *restrict prepacked) {
  const bool packed = work != NULL || prepacked != NULL;
  for (long jc = 0; jc < n; jc += GNC) {
    const long nc = n - jc < GNC ? n - jc : GNC;
    for (long pc = 0; pc < k; pc += GKC) {
      const long kc = k - pc < GKC ? k - pc : GKC;
      const GT betaBlock = pc == 0 ? beta : 1;  // later k blocks add to the first block's result
      // op(B)[pc..][jc..] in memory: B[pc][jc] when B is not transposed, B[jc][pc] when it is.
      const GT *bBlock = prepacked != NULL ? NULL : transB ? B + jc * ldb + pc : B + pc * ldb + jc;
      if (prepacked == NULL) {
        if (packed) GNAME(pack_b)(transB, kc, nc, bBlock, ldb, work);
        else if (nc % GNR != 0) GNAME(pack_b)(false, kc, nc % GNR, bBlock + nc - nc % GNR, ldb, edge);
      }
      const GT *bUse = prepacked != NULL ? prepacked + jc * k + pc * ((nc + GNR - 1) / GNR * GNR)
                       : packed ? work : bBlock;
      if (aWork != NULL) {
        // op(A) rows are columns of A: in place, a tile would touch a new cache line for every p (lines lda apart,
        // which also collide in L1). Copy the m x kc block once, reading A row by row, into one p-major region per
        // row tile: tile (i, mr) at aWork + i*kc, element (r, p) at [p*mr + r].
        for (long p = 0; p < kc; p++) {
          const GT *restrict row = A + (pc + p) * lda;
          for (long i = 0; i < m;) {
            const int mr = GNAME(tile_rows)(m - i);
            for (int r = 0; r < mr; r++) aWork[i * kc + p * mr + r] = row[i + r];
            i += mr;
          }
        }
      }
      for (long i = 0; i < m;) {
        const int mr = GNAME(tile_rows)(m - i);
        if (aWork != NULL) {
          GNAME(band_dispatch)(mr, true, nc, kc, aWork + i * kc, mr, bUse, packed, ldb, edge, C + i * ldc + jc, ldc, alpha, betaBlock);
        } else {
          const GT *a = transA ? A + pc * lda + i : A + i * lda + pc;
          GNAME(band_dispatch)(mr, transA, nc, kc, a, lda, bUse, packed, ldb, edge, C + i * ldc + jc, ldc, alpha, betaBlock);
        }
        i += mr;
      }
    }
  }
}

// Whether the product takes the dot kernel: A * B^T with few rows or few columns of C, where copying B transposed
// into panels would cost as much as the product; or A * B with few columns of C (dX = dZ W^T with W^T stored), where
// a tile of GNR columns would mostly compute padding, and a transposed copy of the narrow B costs little. Decided on
// the whole product's shape, before any split between threads, so that a product of a given shape always sums in
// the same order and gives the same bits.
static inline bool GNAME(uses_dot)(const bool transA, const bool transB, const long m, const long n, const long k) {
  if (transA || k < 2 * GDW) return false;
  return transB ? (m <= GDOT_M || n <= GDOT_N) : n <= GDOT_N;
}

// C = alpha * op(A) * op(B) + beta * C with the kernel chosen by uses_dot (`dot`), or else the tile kernel, reading
// B in place when it is not transposed and at most GDIRECT_M rows would sweep it (copying B first would cost as much
// as the product), over packed panels of op(B) otherwise. Returns false, having done nothing, when the packing
// buffer cannot be allocated.
static GATTR bool GNAME(gemm_part)(
    const bool dot, const bool transA, const bool transB, const long m, const long n, const long k, const GT alpha,
    const GT *restrict A, const long lda, const GT *restrict B, const long ldb, const GT beta, GT *restrict C,
    const long ldc) {
  if (dot && transB) {
    GNAME(gemm_dot)(m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
    return true;
  }
  if (dot) {  // B (k x n, n small) is not transposed: copy its n columns into contiguous rows first
    GT *bt = malloc((size_t)(n * k) * sizeof(GT));
    if (bt == NULL) return false;
    for (long p = 0; p < k; p++)
      for (long j = 0; j < n; j++) bt[j * k + p] = B[p * ldb + j];
    GNAME(gemm_dot)(m, n, k, alpha, A, lda, bt, k, beta, C, ldc);
    free(bt);
    return true;
  }
  GT edge[GKC * GNR] __attribute__((aligned(64)));
  const long kc = k < GKC ? k : GKC, nc = n < GNC ? n : GNC;
  GT *aWork = NULL;
  // op(A) rows are copied p-major (gemm_tiles) when there are several panels of C to sweep, unless A is one small
  // block: at most GKC rows of k (one block) of at most 256 scalars, kept in L1/L2 and too short a stride to collide
  // there. That is the recurrence's parameter sums [x | h]^T dz over a chunk of steps (k = 64 to 128, lda = F + H),
  // where the copy cost more than it saved: a T = 100, B = 64 training epoch took 5.6 % longer with it.
  if (transA && n > GNR && !(k <= GKC && lda <= 256)) {
    aWork = malloc((size_t)(m * kc) * sizeof(GT));
    if (aWork == NULL) return false;
  }
  GT *work = NULL;
  if (transB || m > GDIRECT_M) {
    const size_t bytes = (size_t)(kc * ((nc + GNR - 1) / GNR) * GNR) * sizeof(GT);
    work = aligned_alloc(64, (bytes + 63) / 64 * 64);
    if (work == NULL) {
      free(aWork);
      return false;
    }
  }
  GNAME(gemm_tiles)(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc, work, edge, aWork, NULL);
  free(work);
  free(aWork);
  return true;
}

// Scalars of op(B) (k x n) packed whole: blocks of GNC columns (jc), each as blocks of GKC rows (pc), each as
// panels of GNR columns zero-padded to whole panels. Block (jc, pc) starts at jc*k + pc*ncPadded (jc a multiple of
// GNC, so jc*k counts the padding of earlier column blocks only when GNC is a multiple of GNR, which it is).
static inline long GNAME(prepacked_size)(const long k, const long n) {
  const long whole = n / GNC * GNC, rest = n - whole;
  return whole * k + (rest + GNR - 1) / GNR * GNR * k;
}

// Packs all of op(B) for prepacked products: the layout gemm_tiles reads when it packs B itself, for every block.
static GATTR void GNAME(prepack_b)(const bool transB, const long k, const long n, const GT *restrict B, const long ldb,
                                    GT *restrict packed) {
  for (long jc = 0; jc < n; jc += GNC) {
    const long nc = n - jc < GNC ? n - jc : GNC;
    for (long pc = 0; pc < k; pc += GKC) {
      const long kc = k - pc < GKC ? k - pc : GKC;
      const GT *bBlock = transB ? B + jc * ldb + pc : B + pc * ldb + jc;
      GNAME(pack_b)(transB, kc, nc, bBlock, ldb, packed + jc * k + pc * ((nc + GNR - 1) / GNR * GNR));
    }
  }
}

// C = alpha * A * op(B) + beta * C (A not transposed) with op(B) packed by prepack_b: for a product repeated with the
// same B (the recurrent kernel U at every time step), which is then read as contiguous panels instead of rows a
// whole row of B apart.
static GATTR void GNAME(gemm_prepacked)(
    const long m, const long n, const long k, const GT alpha, const GT *restrict A, const long lda,
    const GT *restrict packed, const GT beta, GT *restrict C, const long ldc) {
  GT edge[GNR];  // unused: every panel of a packed B is whole
  GNAME(gemm_tiles)(false, false, m, n, k, alpha, A, lda, NULL, 0, beta, C, ldc, NULL, edge, NULL, packed);
}

#undef GNR
#undef GKC
#undef GNC
#undef GT
#undef GV
#undef GVL
#undef GMR
#undef GNV
#undef GNAME
#undef GATTR
#undef GDW
#undef GDV
#undef GDOT_M
#undef GDOT_N
#undef GDIRECT_M
