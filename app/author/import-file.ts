/**
 * What an imported scenario file must be before it is read as YAML (the studio's home, both sides): not larger
 * than MAX_IMPORT_BYTES, not empty, and text (UTF-8, no NUL, no control characters but tab and line breaks).
 * The browser checks the size before sending (a file over the server's edge limit would get a bare 413); the
 * server checks all three and answers on the studio's page, in the reader's language.
 */
import "./messages-studio";

/** The largest scenario file the studio imports (a scenario is a few tens of KB; the studio keeps drafts up to 512 KB). */
export const MAX_IMPORT_BYTES = 512 * 1024;

export type ImportFileProblem =
  | { key: "authorStudio.fileTooLarge"; vars: { max: number; size: number } }
  | { key: "authorStudio.fileNotText"; vars?: undefined }
  | { key: "authorStudio.fileEmpty"; vars?: undefined };

const kb = (bytes: number) => Math.ceil(bytes / 1024);

/** A problem with the file's size alone (what the browser can tell before sending it); null when it may be sent. */
export function importSizeProblem(size: number): ImportFileProblem | null {
  if (size === 0) return { key: "authorStudio.fileEmpty" };
  if (size > MAX_IMPORT_BYTES) return { key: "authorStudio.fileTooLarge", vars: { max: kb(MAX_IMPORT_BYTES), size: kb(size) } };
  return null;
}

// C0 controls but tab, line feed and carriage return; DEL; C1 controls. A YAML text has none (YAML 1.2 forbids them unescaped).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The file's text, or why it cannot be imported. */
export function decodeImportFile(bytes: Uint8Array): { text: string } | { problem: ImportFileProblem } {
  const sized = importSizeProblem(bytes.byteLength);
  if (sized) return { problem: sized };
  if (bytes.includes(0)) return { problem: { key: "authorStudio.fileNotText" } };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { problem: { key: "authorStudio.fileNotText" } };
  }
  if (CONTROL.test(text)) return { problem: { key: "authorStudio.fileNotText" } };
  if (text.trim() === "") return { problem: { key: "authorStudio.fileEmpty" } };
  return { text };
}
