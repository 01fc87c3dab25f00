import { Writable } from 'node:stream';

/** A writable that keeps what it is given, for asserting on what a terminal would show. */
export function textSink(): { stream: Writable; text: () => string } {
  let text = '';
  return {
    stream: new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    }),
    text: () => text,
  };
}
