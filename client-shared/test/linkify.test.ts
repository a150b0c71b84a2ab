import { describe, expect, it } from "vitest";
import { linkify, safeHref } from "../src/linkify";

describe("linkify", () => {
  it("links http and https URLs and keeps the rest as text", () => {
    expect(linkify("См. https://help.example/a?b=1 и http://x.example.")).toEqual([
      { kind: "text", text: "См. " },
      { kind: "link", text: "https://help.example/a?b=1", href: "https://help.example/a?b=1" },
      { kind: "text", text: " и " },
      { kind: "link", text: "http://x.example", href: "http://x.example/" },
      { kind: "text", text: "." },
    ]);
  });

  it("never links javascript:, data: or other schemes", () => {
    for (const text of ["javascript:alert(1)", "JaVaScRiPt:alert(document.cookie)", "data:text/html,<script>alert(1)</script>", "vbscript:x", "ftp://files.example/a"]) {
      expect(linkify(text)).toEqual([{ kind: "text", text }]);
    }
  });

  it("keeps markup as text", () => {
    const text = '<img src=x onerror="alert(1)"><b>bold</b>';
    expect(linkify(text)).toEqual([{ kind: "text", text }]);
  });

  it("does not let a quote or angle bracket end up inside a link", () => {
    const segments = linkify('https://a.example/"><script>alert(1)</script>');
    expect(segments[0]).toEqual({ kind: "link", text: "https://a.example/", href: "https://a.example/" });
    expect(segments.slice(1)).toEqual([{ kind: "text", text: '"><script>alert(1)</script>' }]);
  });

  it("leaves trailing punctuation out but keeps balanced brackets", () => {
    expect(linkify("(https://w.example/wiki/A_(b))!")).toEqual([
      { kind: "text", text: "(" },
      { kind: "link", text: "https://w.example/wiki/A_(b)", href: "https://w.example/wiki/A_(b)" },
      { kind: "text", text: ")!" },
    ]);
  });

  it("does not link a URL glued to a word", () => {
    expect(linkify("xhttps://a.example")).toEqual([{ kind: "text", text: "xhttps://a.example" }]);
  });

  it("safeHref accepts only absolute http(s) URLs", () => {
    expect(safeHref("https://a.example/x")).toBe("https://a.example/x");
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref("/relative")).toBeNull();
    expect(safeHref("http://")).toBeNull();
  });
});
