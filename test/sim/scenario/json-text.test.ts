/**
 * parseJsonText (sim/scenario/json-text.ts): a byte-order mark is no error, and an error is
 * placed by line and column — by a scan of our own that must agree with the engine wherever the
 * engine says a position, and that still places the errors where it says none.
 */
import { describe, expect, it } from "vitest";
import { firstErrorOffset, lineAndColumn, parseJsonText } from "@/sim/scenario/json-text";

const BROKEN = ['{"a":1,}', '{"a" 1}', '{"a":1', '{"a":"x\ny"}', "[1,2]x", '{"a":1}}', "[01]", '["\\x"]', "[1.]", "[-]", '{"a":"\\u12g4"}', "", "   ", "[1,]", '{,"a":1}', "nul", "[1 2]"];

describe("parseJsonText", () => {
  it("reads a text with a UTF-8 byte-order mark as the text without it", () => {
    expect(parseJsonText('\uFEFF{"tls": true}')).toEqual({ ok: true, value: { tls: true } });
  });

  it.each(BROKEN)("finds the error in %j where the engine does, when it says", (text) => {
    let message = "";
    try {
      JSON.parse(text);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toBe("");
    const offset = firstErrorOffset(text);
    expect(offset).not.toBeNull();
    const engine = / at position (\d+)/.exec(message);
    if (engine) expect(offset).toBe(Number(engine[1]));
    if (message.startsWith("Unexpected end")) expect(offset).toBe(text.length);
  });

  it("finds no error in valid JSON", () => {
    for (const text of ['{"a":[1,-2.5e+3,true,false,null,"\\u00e9\\n"]}', " 0 ", '""']) expect(firstErrorOffset(text)).toBeNull();
  });

  it("counts lines and columns from 1, in characters", () => {
    expect(lineAndColumn("ab\ncd", 0)).toBe("line 1, column 1");
    expect(lineAndColumn("ab\ncd", 4)).toBe("line 2, column 2");
    expect(lineAndColumn("ab\r\ncd", 4)).toBe("line 2, column 1");
  });

  it("says where and what, on one line, without the engine's offset", () => {
    const r = parseJsonText('{\n  "tls": tru\n}');
    expect(r).toEqual({ ok: false, error: "not valid JSON at line 2, column 13 (Unexpected token '\\n')" });
  });
});
