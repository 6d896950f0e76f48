import { describe, expect, it } from "vitest";

import { fileBytes, textBytes } from "./files";

describe("file bytes for commands", () => {
  it("sends pasted text as UTF-8 bytes", () => {
    expect(textBytes("要綱")).toEqual([0xe8, 0xa6, 0x81, 0xe7, 0xb6, 0xb1]);
  });

  it("reads a chosen file's bytes whole, as numbers", async () => {
    const file = new Blob([new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0x00, 0xff])]);
    expect(await fileBytes(file)).toEqual([0xef, 0xbb, 0xbf, 0x41, 0x00, 0xff]);
  });
});
