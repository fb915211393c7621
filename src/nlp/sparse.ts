/** A hashed sparse feature vector. Indices may repeat; a repeated index simply counts twice in a dot product. */
export interface SparseVector {
  idx: Uint32Array;
  val: Float32Array;
  size: number;
}

export function emptyVector(capacity = 256): SparseVector {
  return { idx: new Uint32Array(capacity), val: new Float32Array(capacity), size: 0 };
}

export function push(v: SparseVector, index: number, value: number): void {
  if (v.size === v.idx.length) {
    const idx = new Uint32Array(v.idx.length * 2);
    const val = new Float32Array(v.val.length * 2);
    idx.set(v.idx);
    val.set(v.val);
    v.idx = idx;
    v.val = val;
  }
  v.idx[v.size] = index;
  v.val[v.size] = value;
  v.size++;
}

export function scaleRange(v: SparseVector, from: number, factor: number): void {
  for (let i = from; i < v.size; i++) v.val[i] = (v.val[i] ?? 0) * factor;
}

/** Copies the used part, so that a training set can keep vectors that were built in a reused buffer. */
export function compact(v: SparseVector, from = 0, to = v.size): SparseVector {
  return { idx: v.idx.slice(from, to), val: v.val.slice(from, to), size: to - from };
}
