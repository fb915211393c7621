// Binary model files: a JSON header (labels, dim, bias, scale) and the weights quantised to int16,
// gzipped. Quantising keeps the committed files small; int16 loses nothing a linear model notices.
import { gunzipSync, gzipSync } from 'node:zlib';
import { AppError } from '../domain/errors.js';
import type { LinearModel } from './linear-model.js';

const MAGIC = 'PLM1';
const INT16_MAX = 32767;

interface Header {
  labels: string[];
  dim: number;
  bias: number[];
  scale: number;
}

export function encodeModel(model: LinearModel): Buffer {
  let maxAbs = 0;
  for (const w of model.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs > 0 ? maxAbs / INT16_MAX : 1;
  const q = new Int16Array(model.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round((model.weights[i] ?? 0) / scale);
  const header: Header = { labels: model.labels, dim: model.dim, bias: Array.from(model.bias), scale };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const padded = json.length + (json.length % 2);
  const out = Buffer.alloc(8 + padded + q.byteLength, 0x20);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(padded, 4);
  json.copy(out, 8);
  Buffer.from(q.buffer, q.byteOffset, q.byteLength).copy(out, 8 + padded);
  return gzipSync(out, { level: 9 });
}

export function decodeModel(file: Buffer, name: string): LinearModel {
  const raw = gunzipSync(file);
  if (raw.toString('latin1', 0, 4) !== MAGIC) throw new AppError('invalid', `model file ${name} is not a Parley model`);
  const headerLength = raw.readUInt32LE(4);
  const header = JSON.parse(raw.toString('utf8', 8, 8 + headerLength)) as Header;
  const start = 8 + headerLength;
  const count = header.dim * header.labels.length;
  if (raw.length - start !== count * 2) throw new AppError('invalid', `model file ${name} is truncated`);
  const aligned = new Int16Array(count);
  for (let i = 0; i < count; i++) aligned[i] = raw.readInt16LE(start + i * 2);
  const weights = new Float32Array(count);
  for (let i = 0; i < count; i++) weights[i] = (aligned[i] ?? 0) * header.scale;
  return { labels: header.labels, dim: header.dim, weights, bias: Float32Array.from(header.bias) };
}
