import type { PageVisit } from "@chat/shared/contracts";
import { describe, expect, it } from "vitest";
import { withPageVisit } from "../src/visitor-pages";

const visit = (path: string, minute: number, title: string | null = path): PageVisit => ({
  conversationId: "c",
  url: `https://shop.example${path}`,
  title,
  viewedAt: `2026-11-25T09:${String(minute).padStart(2, "0")}:00+00:00`,
});

describe("withPageVisit", () => {
  it("puts a new page first", () => {
    const pages = withPageVisit([visit("/a", 1)], visit("/b", 2));
    expect(pages.map((p) => p.url)).toEqual(["https://shop.example/b", "https://shop.example/a"]);
  });

  it("only moves the time of a reload of the newest page, as the server does", () => {
    const pages = withPageVisit([visit("/a", 2), visit("/b", 1)], visit("/a", 5));
    expect(pages.map((p) => [p.url, p.viewedAt])).toEqual([
      ["https://shop.example/a", "2026-11-25T09:05:00+00:00"],
      ["https://shop.example/b", "2026-11-25T09:01:00+00:00"],
    ]);
  });

  it("keeps a page again when it comes back after another one, or with another title", () => {
    expect(withPageVisit([visit("/b", 2), visit("/a", 1)], visit("/a", 3))).toHaveLength(3);
    expect(withPageVisit([visit("/a", 1, "Old")], visit("/a", 2, "New"))).toHaveLength(2);
  });

  it("keeps at most as many pages as the server does", () => {
    const full = Array.from({ length: 20 }, (_, i) => visit(`/p${i}`, 20 - i));
    const pages = withPageVisit(full, visit("/new", 30));
    expect(pages).toHaveLength(20);
    expect(pages[0]!.url).toBe("https://shop.example/new");
    expect(pages[19]!.url).toBe("https://shop.example/p18");
  });
});
