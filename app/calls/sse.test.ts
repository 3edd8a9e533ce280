import { describe, expect, it } from "vitest";
import { CallEventParser, encodeEvent, KEEP_ALIVE, type CallEvent } from "./sse";

describe("the call's server-sent events", () => {
  it("reads back every event it writes, whatever the chunking", () => {
    const events: CallEvent[] = [
      { type: "token", text: "Bonsoir, " },
      { type: "token", text: "line\nbreak " },
      { type: "done", seq: 4, text: "Bonsoir, line\nbreak", replaced: false },
      { type: "done", seq: 6, text: "Merci.", replaced: false, after: { mood: "annoyed", offline: true } },
      { type: "done", seq: 8, text: "Bon.", replaced: false, after: { mood: null, offline: false } },
      { type: "ended", outcome: "resolved", redirect: "/calls/abc/report" },
    ];
    const wire = events.map(encodeEvent).join(KEEP_ALIVE);
    for (const size of [1, 3, 7, wire.length]) {
      const parser = new CallEventParser();
      const got: CallEvent[] = [];
      for (let i = 0; i < wire.length; i += size) got.push(...parser.push(wire.slice(i, i + size)));
      expect(got).toEqual(events);
    }
  });

  it("keeps each event on one data line so that a newline in the text cannot split it", () => {
    expect(encodeEvent({ type: "token", text: "a\n\nb" })).toBe('event: token\ndata: {"text":"a\\n\\nb"}\n\n');
  });

  it("turns a malformed frame into an error event that says what is wrong", () => {
    const parser = new CallEventParser();
    expect(parser.push("event: done\ndata: {\"seq\":\"x\",\"text\":\"hi\",\"replaced\":false}\n\n")).toEqual([
      { type: "error", message: expect.stringContaining('event "done" is invalid at seq') },
    ]);
    expect(parser.push("event: token\ndata: not json\n\n")).toEqual([
      { type: "error", message: 'stream: event "token" has data that is not JSON' },
    ]);
    expect(parser.push("event: shout\ndata: {}\n\n")[0]!.type).toBe("error");
    expect(parser.push('event: done\ndata: {"seq":1,"text":"hi","replaced":false,"after":{"mood":"furious","offline":false}}\n\n')).toEqual([
      { type: "error", message: expect.stringContaining('event "done" is invalid at after') },
    ]);
  });

  it("accepts CRLF line endings and ignores comments", () => {
    const parser = new CallEventParser();
    expect(parser.push(': ping\r\n\r\nevent: token\r\ndata: {"text":"ok"}\r\n\r\n')).toEqual([{ type: "token", text: "ok" }]);
  });
});
