import { AppError } from '../../domain/errors.js';

// Server-sent events as the HTML standard defines them: lines end in CRLF, LF or CR; `event`,
// `data` (joined with newlines), `id` and `retry` fields; lines starting with a colon are comments
// (Mastodon's `:thump` heartbeat); a blank line dispatches. A line or event beyond the limit ends
// the stream with an error instead of growing without bound.

export interface SseEvent {
  event: string;
  data: string;
  id: string | null;
}

export interface SseParser {
  /** Feeds a chunk of the stream; calls `onEvent` for every complete event in it. */
  push(chunk: string): void;
}

export const MAX_SSE_EVENT_CHARS = 1_000_000;

export function createSseParser(onEvent: (event: SseEvent) => void, maxEventChars = MAX_SSE_EVENT_CHARS): SseParser {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let dataChars = 0;
  let lastId: string | null = null;
  // A CR at the very end of a chunk may be the first half of a CRLF split across chunks.
  let skipLf = false;

  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0) onEvent({ event: event || 'message', data: data.join('\n'), id: lastId });
      event = '';
      data = [];
      dataChars = 0;
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') {
      dataChars += value.length + 1;
      if (dataChars > maxEventChars) throw new AppError('too_large', `A server-sent event is larger than ${maxEventChars} characters.`);
      data.push(value);
    } else if (field === 'id' && !value.includes('\0')) lastId = value;
  };

  return {
    push(chunk) {
      let text = chunk;
      if (skipLf && text.startsWith('\n')) text = text.slice(1);
      skipLf = false;
      buffer += text;
      const breaks = /\r\n|\r|\n/g;
      let start = 0;
      for (let m = breaks.exec(buffer); m !== null; m = breaks.exec(buffer)) {
        line(buffer.slice(start, m.index));
        start = breaks.lastIndex;
        if (m[0] === '\r' && start === buffer.length) skipLf = true;
      }
      buffer = buffer.slice(start);
      if (buffer.length > maxEventChars) throw new AppError('too_large', `A server-sent event line is longer than ${maxEventChars} characters.`);
    },
  };
}
