// Small dense linear algebra for LSA: row-major Float64 matrices, Cholesky-QR orthonormalisation and a Jacobi
// eigen-solver for the l×l Gram matrix (l ≈ 140, so O(l³) is trivial next to the sparse products).

/** Deterministic PRNG (mulberry32) so the same corpus always yields the same vectors. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussian(n: number, seed: number): Float64Array {
  const r = rng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const u = Math.max(r(), 1e-12);
    const v = r();
    const m = Math.sqrt(-2 * Math.log(u));
    out[i] = m * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) out[i + 1] = m * Math.sin(2 * Math.PI * v);
  }
  return out;
}

/** Orthonormalise the columns of Y (rows × l, row-major) in place via Cholesky QR with a tiny ridge. */
export function orthonormaliseColumns(y: Float64Array, rows: number, l: number): void {
  const g = new Float64Array(l * l);
  for (let i = 0; i < rows; i++) {
    const o = i * l;
    for (let a = 0; a < l; a++) {
      const ya = y[o + a]!;
      if (ya === 0) continue;
      const ga = a * l;
      for (let b = a; b < l; b++) g[ga + b]! += ya * y[o + b]!;
    }
  }
  let trace = 0;
  for (let a = 0; a < l; a++) trace += g[a * l + a]!;
  const ridge = (trace / l) * 1e-10 + 1e-300;
  // Cholesky G = RᵀR (upper R stored in g).
  const r = new Float64Array(l * l);
  for (let j = 0; j < l; j++) {
    let s = g[j * l + j]! + ridge;
    for (let k = 0; k < j; k++) s -= r[k * l + j]! * r[k * l + j]!;
    const d = Math.sqrt(Math.max(s, ridge));
    r[j * l + j] = d;
    for (let i = j + 1; i < l; i++) {
      let t = g[j * l + i]!;
      for (let k = 0; k < j; k++) t -= r[k * l + j]! * r[k * l + i]!;
      r[j * l + i] = t / d;
    }
  }
  // Y ← Y R⁻¹ (forward substitution per row).
  const row = new Float64Array(l);
  for (let i = 0; i < rows; i++) {
    const o = i * l;
    for (let j = 0; j < l; j++) {
      let s = y[o + j]!;
      for (let k = 0; k < j; k++) s -= row[k]! * r[k * l + j]!;
      row[j] = s / r[j * l + j]!;
    }
    y.set(row, o);
  }
}

/** Eigen-decomposition of a symmetric n×n matrix (cyclic Jacobi). Returns values desc and vectors as columns. */
export function symmetricEigen(m: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(m);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = [...Array(n).keys()].sort((x, y) => a[y * n + y]! - a[x * n + x]!);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = a[src * n + src]!;
    for (let k = 0; k < n; k++) vectors[k * n + dst] = v[k * n + src]!;
  });
  return { values, vectors };
}
