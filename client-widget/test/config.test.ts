import { describe, expect, it } from "vitest";
import { hexColor, readConfig, textColorOn } from "../src/config";

const script = (attributes: Record<string, string>, src = "https://chat.example/dist/chat-widget.js") => ({
  attribute: (name: string) => attributes[name] ?? null,
  src,
});

describe("readConfig", () => {
  it("takes data-server and the other attributes", () => {
    const config = readConfig(
      script({ "data-server": "https://chat.example/some/path", "data-lang": "en", "data-color": "#ABCDEF", "data-position": "left" }),
      "https://www.shop.example/",
      ["ru"],
    );
    expect(config).toEqual({ server: "https://chat.example", language: "en", color: "#abcdef", position: "left", debug: false });
  });

  it("defaults the server to the script's origin and the rest to Russian, blue, right", () => {
    const config = readConfig(script({}, "https://cdn.chat.example/dist/chat-widget.js"), "https://www.shop.example/", ["ru-RU"]);
    expect(config).toEqual({ server: "https://cdn.chat.example", language: "ru", color: "#0b63ce", position: "right", debug: false });
  });

  it("refuses anything but a hex colour and a http(s) server", () => {
    expect(hexColor("red; background: url(x)")).toBeNull();
    expect(hexColor("#0b63ce")).toBe("#0b63ce");
    const config = readConfig(script({ "data-server": "javascript:alert(1)" }), "https://www.shop.example/", []);
    expect(config.server).toBe("https://chat.example");
  });

  it("chooses readable text on the accent colour", () => {
    expect(textColorOn("#0b63ce")).toBe("#ffffff");
    expect(textColorOn("#ffdd00")).toBe("#111111");
    expect(textColorOn("#fff")).toBe("#111111");
  });
});
