// The one place a chosen file's bytes are read for a command: the backend takes them as a number array.
/** A chosen file's bytes as the number[] the commands take. */
export async function fileBytes(file: Blob): Promise<number[]> {
  return Array.from(new Uint8Array(await file.arrayBuffer()));
}

/** Text as UTF-8 bytes, for text pasted where a file could be chosen. */
export function textBytes(text: string): number[] {
  return Array.from(new TextEncoder().encode(text));
}
