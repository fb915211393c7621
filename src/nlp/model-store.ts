// Shipped models load lazily, once, from src/nlp/models (or, from the compiled build in dist/nlp,
// the same folder in src, since tsc does not copy non-TypeScript files).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '../domain/errors.js';
import { cacheAligned, stackModels, type LinearModel } from './linear-model.js';
import { decodeModel } from './model-io.js';

export type ModelName = 'language' | 'sentiment' | 'sentiment-en' | 'category';

export interface Models {
  language: LinearModel;
  /** English has no open sentiment training set; its model leans on the language-neutral features. */
  sentimentEn: LinearModel;
  /** The sentiment and category models side by side (see stackModels). */
  sentimentAndCategory: LinearModel;
}

const CANDIDATES = [new URL('./models/', import.meta.url), new URL('../../src/nlp/models/', import.meta.url)];

export function modelFileName(name: ModelName): string {
  return `${name}.plm.gz`;
}

export function modelDirectory(): string {
  for (const url of CANDIDATES) {
    const dir = fileURLToPath(url);
    if (existsSync(`${dir}${modelFileName('sentiment')}`)) return dir;
  }
  throw new AppError('unavailable', 'NLP model files not found; run `npm run train`');
}

let loaded: Models | undefined;

export function models(): Models {
  if (!loaded) {
    const dir = modelDirectory();
    const read = (name: ModelName): LinearModel => decodeModel(readFileSync(`${dir}${modelFileName(name)}`), name);
    loaded = {
      language: cacheAligned(read('language')),
      sentimentEn: read('sentiment-en'),
      sentimentAndCategory: stackModels(read('sentiment'), read('category')),
    };
  }
  return loaded;
}
