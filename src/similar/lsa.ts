/**
 * Latent semantic analysis: papers as points in the space of the main "topics" of the TF-IDF
 * matrix (its top singular vectors), where two papers about the same thing are close even
 * when they word it differently (`dialogue state tracking` and `belief tracking`).
 *
 * The singular vectors come from a randomised SVD (Halko, Martinsson & Tropp 2011: a random
 * projection, two power iterations, then the exact SVD of a small matrix) over an evenly
 * spread sample of papers; every paper is then projected on them. The sample bounds the cost:
 * the topics of 4,000 papers are those of 100,000 copies of them, and the projection is one
 * pass over the matrix.
 */

/** A sparse matrix in compressed rows: row `i` is `terms`/`weights` from `starts[i]`. */
export interface SparseRows {
  starts: Uint32Array;
  terms: Uint32Array;
  weights: Float32Array;
  /** Number of columns. */
  termCount: number;
}

export interface LsaOptions {
  /** Dimensions kept. */
  rank: number;
  /** Most rows the singular vectors are computed from. */
  sample: number;
  /** Extra random directions beyond `rank` (accuracy of the randomised SVD). */
  oversample: number;
  powerIterations: number;
  /** Most terms (columns) kept: those in most sampled rows; rarer ones shape no topic. */
  maxTerms: number;
  seed: number;
}

export const LSA_DEFAULTS: LsaOptions = {
  rank: 100,
  sample: 4000,
  oversample: 10,
  powerIterations: 2,
  maxTerms: 20_000,
  seed: 7,
};

/** A fixed-seed generator (mulberry32): the same embedding every build. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Unit-length coordinates of every row in the top-`rank` singular space of the matrix,
 * `rank` floats per row (a row with no known term is all zeros).
 */
export function lsaEmbed(
  input: SparseRows,
  options: Partial<LsaOptions> = {},
  isColumn: (term: number) => boolean = () => true,
): Float32Array {
  const o = { ...LSA_DEFAULTS, ...options };
  const n = input.starts.length - 1;
  const rows = sampleRows(n, o.sample);
  const matrix = keepColumns(input, rows, o.maxTerms, isColumn);
  const m = matrix.termCount;
  const width = Math.min(o.rank + o.oversample, rows.length, m);
  const rank = Math.min(o.rank, width);
  const out = new Float32Array(n * o.rank);
  if (width === 0) return out;
  const next = random(o.seed);
  // Ω: m × width random; Y = A_s Ω; then Y ← A_s A_sᵀ Y, orthonormal at each step. The
  // matrices with a row per term (Ω, Aᵀ Q, Bᵀ) are single precision: they are read at random,
  // a row per entry of the matrix, and half the bytes is half the cache misses; the sums stay
  // in double precision.
  const omega = new Float32Array(m * width);
  for (let k = 0; k < omega.length; k++) omega[k] = next() - 0.5;
  let q = orthonormalize(times(matrix, rows, omega, width), rows.length, width);
  for (let it = 0; it < o.powerIterations; it++) {
    // Aᵀ Q is not made orthonormal: A (Aᵀ Q) R⁻¹ spans what A Aᵀ Q spans, and Q is, so the
    // step would change nothing but rounding, at the cost of Gram–Schmidt over every term.
    const z = timesTransposed(matrix, rows, q, width);
    q = orthonormalize(times(matrix, rows, z, width), rows.length, width);
  }
  // B = Qᵀ A_s, kept as its transpose (m × width). B Bᵀ = Ũ Σ² Ũᵀ.
  const bt = timesTransposed(matrix, rows, q, width);
  // Two term rows at a time, here and in the products below: each pass over the output then
  // adds two products, half the loads and stores of the output per product.
  const gram = new Float64Array(width * width);
  for (let t = 0; t < m; t += 2) {
    const row = t * width;
    const next = t + 1 < m ? row + width : -1;
    for (let a = 0; a < width; a++) {
      const x = bt[row + a]!;
      const y = next < 0 ? 0 : bt[next + a]!;
      if (x === 0 && y === 0) continue;
      const at = a * width;
      if (y === 0) for (let b = a; b < width; b++) gram[at + b]! += x * bt[row + b]!;
      else for (let b = a; b < width; b++) gram[at + b]! += x * bt[row + b]! + y * bt[next + b]!;
    }
  }
  for (let a = 0; a < width; a++)
    for (let b = 0; b < a; b++) gram[a * width + b] = gram[b * width + a]!;
  const { values, vectors } = symmetricEigen(gram, width);
  const order = Array.from({ length: width }, (_, a) => a)
    .sort((a, b) => values[b]! - values[a]!)
    .slice(0, rank);
  // Projection P = Bᵀ Ũ Σ⁻¹ (m × rank): a row's coordinates are row · P (= U Σ on the sample).
  // The kept columns of Ũ Σ⁻¹ are copied out as rows first, so each dot product below reads
  // two contiguous runs.
  const scaled = new Float64Array(rank * width);
  order.forEach((a, r) => {
    const sigma = Math.sqrt(Math.max(values[a]!, 0));
    if (sigma === 0) return;
    for (let k = 0; k < width; k++) scaled[r * width + k] = vectors[k * width + a]! / sigma;
  });
  const projection = new Float32Array(m * rank);
  for (let t = 0; t < m; t++) {
    const row = t * width;
    for (let r = 0; r < rank; r++) {
      projection[t * rank + r] = dot(bt, row, scaled, r * width, width);
    }
  }
  const point = new Float64Array(rank);
  for (let i = 0; i < n; i++) {
    point.fill(0);
    const end = matrix.starts[i + 1]!;
    let k = matrix.starts[i]!;
    for (; k + 1 < end; k += 2) {
      const w = matrix.weights[k]!;
      const v = matrix.weights[k + 1]!;
      const base = matrix.terms[k]! * rank;
      const other = matrix.terms[k + 1]! * rank;
      for (let r = 0; r < rank; r++) {
        point[r]! += w * projection[base + r]! + v * projection[other + r]!;
      }
    }
    if (k < end) {
      const w = matrix.weights[k]!;
      const base = matrix.terms[k]! * rank;
      for (let r = 0; r < rank; r++) point[r]! += w * projection[base + r]!;
    }
    let norm = 0;
    for (let r = 0; r < rank; r++) norm += point[r]! * point[r]!;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let r = 0; r < rank; r++) out[i * o.rank + r] = point[r]! * scale;
  }
  return out;
}

/**
 * The matrix with columns renumbered to the `max` terms found in most sampled rows (at
 * least two); other entries are dropped. Bounds every dense step by `max`, not by the
 * vocabulary (hundreds of thousands of words and phrases at 100k papers).
 */
function keepColumns(
  matrix: SparseRows,
  rows: Uint32Array,
  max: number,
  isColumn: (term: number) => boolean,
): SparseRows {
  const df = new Uint32Array(matrix.termCount);
  for (const i of rows) {
    for (let k = matrix.starts[i]!; k < matrix.starts[i + 1]!; k++) df[matrix.terms[k]!]!++;
  }
  const kept = Array.from(df.keys())
    .filter((t) => df[t]! >= 2 && isColumn(t))
    .sort((a, b) => df[b]! - df[a]! || a - b)
    .slice(0, max);
  const column = new Int32Array(matrix.termCount).fill(-1);
  kept.forEach((t, c) => {
    column[t] = c;
  });
  const n = matrix.starts.length - 1;
  const starts = new Uint32Array(n + 1);
  let total = 0;
  for (let k = 0; k < matrix.terms.length; k++) if (column[matrix.terms[k]!]! >= 0) total++;
  const terms = new Uint32Array(total);
  const weights = new Float32Array(total);
  let at = 0;
  for (let i = 0; i < n; i++) {
    starts[i] = at;
    for (let k = matrix.starts[i]!; k < matrix.starts[i + 1]!; k++) {
      const c = column[matrix.terms[k]!]!;
      if (c < 0) continue;
      terms[at] = c;
      weights[at++] = matrix.weights[k]!;
    }
  }
  starts[n] = at;
  return { starts, terms, weights, termCount: kept.length };
}

/** Up to `max` row numbers spread evenly over `n` rows. */
function sampleRows(n: number, max: number): Uint32Array {
  const count = Math.min(n, max);
  return Uint32Array.from({ length: count }, (_, k) => Math.floor((k * n) / count));
}

/** A_s · X: (sample × m) · (m × width). */
function times(
  matrix: SparseRows,
  rows: Uint32Array,
  x: Float32Array,
  width: number,
): Float64Array {
  const out = new Float64Array(rows.length * width);
  const { starts, terms, weights } = matrix;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const base = r * width;
    const end = starts[i + 1]!;
    let k = starts[i]!;
    for (; k + 1 < end; k += 2) {
      const w = weights[k]!;
      const v = weights[k + 1]!;
      const from = terms[k]! * width;
      const other = terms[k + 1]! * width;
      for (let c = 0; c < width; c++) out[base + c]! += w * x[from + c]! + v * x[other + c]!;
    }
    if (k < end) {
      const w = weights[k]!;
      const from = terms[k]! * width;
      for (let c = 0; c < width; c++) out[base + c]! += w * x[from + c]!;
    }
  }
  return out;
}

/** A_sᵀ · Y: (m × sample) · (sample × width). */
function timesTransposed(
  matrix: SparseRows,
  rows: Uint32Array,
  y: Float64Array,
  width: number,
): Float32Array {
  const out = new Float32Array(matrix.termCount * width);
  const { starts, terms, weights } = matrix;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const base = r * width;
    for (let k = starts[i]!; k < starts[i + 1]!; k++) {
      const w = weights[k]!;
      const to = terms[k]! * width;
      for (let c = 0; c < width; c++) out[to + c]! += w * y[base + c]!;
    }
  }
  return out;
}

/**
 * Orthonormal columns (modified Gram–Schmidt) of a rows × width matrix, in place. The columns
 * are worked on as contiguous runs of a transposed copy: walking them down the row-major
 * matrix read one value per cache line.
 */
function orthonormalize(y: Float64Array, rows: number, width: number): Float64Array {
  const columns = new Float64Array(rows * width);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < width; c++) columns[c * rows + r] = y[r * width + c]!;
  }
  for (let c = 0; c < width; c++) {
    const at = c * rows;
    for (let p = 0; p < c; p++) {
      const from = p * rows;
      const along = dot(columns, at, columns, from, rows);
      for (let r = 0; r < rows; r++) columns[at + r]! -= along * columns[from + r]!;
    }
    const norm = dot(columns, at, columns, at, rows);
    const scale = norm > 1e-24 ? 1 / Math.sqrt(norm) : 0;
    for (let r = 0; r < rows; r++) columns[at + r]! *= scale;
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < width; c++) y[r * width + c] = columns[c * rows + r]!;
  }
  return y;
}

/**
 * `a[from, from + size) · b[at, at + size)`, in four running sums: one sum waits on each
 * addition before the next, four keep the multiplier busy.
 */
function dot(
  a: Float32Array | Float64Array,
  from: number,
  b: Float64Array,
  at: number,
  size: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < size; k += 4) {
    s0 += a[from + k]! * b[at + k]!;
    s1 += a[from + k + 1]! * b[at + k + 1]!;
    s2 += a[from + k + 2]! * b[at + k + 2]!;
    s3 += a[from + k + 3]! * b[at + k + 3]!;
  }
  for (; k < size; k++) s0 += a[from + k]! * b[at + k]!;
  return s0 + s1 + (s2 + s3);
}

/** Eigenvalues and eigenvectors (columns) of a small symmetric matrix, by Jacobi rotations. */
function symmetricEigen(input: Float64Array, size: number) {
  const a = Float64Array.from(input);
  const v = new Float64Array(size * size);
  for (let i = 0; i < size; i++) v[i * size + i] = 1;
  for (let sweep = 0; sweep < 30; sweep++) {
    let off = 0;
    for (let p = 0; p < size; p++) for (let q = p + 1; q < size; q++) off += a[p * size + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < size; p++) {
      for (let q = p + 1; q < size; q++) {
        const apq = a[p * size + q]!;
        if (Math.abs(apq) < 1e-15) continue;
        const theta = (a[q * size + q]! - a[p * size + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < size; k++) {
          const akp = a[k * size + p]!;
          const akq = a[k * size + q]!;
          a[k * size + p] = c * akp - s * akq;
          a[k * size + q] = s * akp + c * akq;
        }
        for (let k = 0; k < size; k++) {
          const apk = a[p * size + k]!;
          const aqk = a[q * size + k]!;
          a[p * size + k] = c * apk - s * aqk;
          a[q * size + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < size; k++) {
          const vkp = v[k * size + p]!;
          const vkq = v[k * size + q]!;
          v[k * size + p] = c * vkp - s * vkq;
          v[k * size + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: size }, (_, i) => a[i * size + i]!), vectors: v };
}
