/**
 * React 18.3.1's renderToPipeableStream sometimes writes a NUL byte (0x00) before a multi-byte character that
 * straddles the end of its 2,048-byte write buffer — the character itself intact ("\u0000é"). Half the pages of a
 * probe with French text and curly quotes had one; in the Remix data script a NUL becomes U+FFFD, so the text a
 * page hydrates with differs from the HTML. NUL is never valid in the HTML React writes, and 0x00 never occurs inside
 * a UTF-8 sequence, so dropping those bytes restores the exact HTML (checked against renderToString; decision 275).
 */
import { Transform } from "node:stream";

export function dropNulBytes(chunk: Uint8Array): Uint8Array {
  return chunk.indexOf(0) === -1 ? chunk : chunk.filter((b) => b !== 0);
}

/** A pass-through for the rendered HTML that drops NUL bytes. */
export function stripNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, dropNulBytes(chunk));
    },
  });
}
