// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { VisitorDetailsPanel } from "../src/visitor-details";
import { context, conversationId, errorLine, FakeHub, otherConversationId, refused, testId, testIds, texts, visitorDetails, type Answers } from "./console";

function panel(answers: Answers) {
  const hub = new FakeHub(answers);
  const element = document.createElement("section");
  const errors = errorLine();
  return { hub, visitor: new VisitorDetailsPanel(context(hub), element, errors.line), element, error: errors.element };
}

const page = (url: string, title: string | null, minute: number) => ({ conversationId, url, title, viewedAt: `2026-11-25T09:${String(minute).padStart(2, "0")}:00+00:00` });

describe("VisitorDetailsPanel", () => {
  it("shows who the visitor is and the pages visited, newest first, as links that never reach back", async () => {
    const pages = [page("https://shop.example/prices", "Цены", 5), page("javascript:alert(1)", null, 1)];
    const { visitor, element } = panel({ GetVisitorDetails: () => visitorDetails({ visitorName: "", pages }) });
    await visitor.show(conversationId);

    expect(element.hidden).toBe(false);
    expect(texts(Array.from(element.querySelectorAll("dd")))[0]).toBe("Посетитель");
    expect(testId(element, "visitor-online").textContent).toBe("да");
    const [prices, script] = testIds(element, "visited-page");
    const link = prices!.querySelector("a")!;
    expect([link.href, link.rel, link.target, link.textContent]).toEqual(["https://shop.example/prices", "noopener noreferrer", "_blank", "Цены"]);
    expect(prices!.querySelector(".page-url")!.textContent).toBe("https://shop.example/prices");
    expect(script!.querySelector("a")).toBeNull();
    expect(script!.querySelector("span")!.textContent).toBe("javascript:alert(1)");
  });

  it("shows a client who wrote by e-mail with their address instead of the site's presence and pages", async () => {
    const { visitor, element } = panel({ GetVisitorDetails: () => visitorDetails({ email: "anna@romashka.example", online: false }) });
    await visitor.show(conversationId);

    expect(testId(element, "visitor-email").textContent).toBe("anna@romashka.example");
    expect(element.querySelector("[data-testid=visitor-online]")).toBeNull();
    expect(element.querySelector("[data-testid=visited-pages]")).toBeNull();
    expect(element.textContent).not.toContain("Просмотренные страницы");
  });

  it("names the visitor's language in the console's language and keeps a right-to-left name to its own direction", async () => {
    let language: "ru" | "en" = "ru";
    const hub = new FakeHub({ GetVisitorDetails: () => visitorDetails({ visitorName: "محمد", language: "en" }) });
    const element = document.createElement("section");
    const visitor = new VisitorDetailsPanel(context(hub, () => language), element, errorLine().line);
    await visitor.show(conversationId);
    const [name, spoken] = Array.from(element.querySelectorAll("dd"));
    expect([name!.textContent, name!.dir, spoken!.textContent]).toEqual(["محمد", "auto", "английский"]);
    language = "en";
    visitor.render();
    expect(element.querySelectorAll("dd")[1]!.textContent).toBe("English");
  });

  it("says so when the visitor has not opened a page yet", async () => {
    const { visitor, element } = panel({ GetVisitorDetails: () => visitorDetails() });
    await visitor.show(conversationId);
    expect(element.querySelector(".muted")!.textContent).toBe("Пока ни одной.");
  });

  it("follows the visitor's pages and presence live, for the visitor on screen only", async () => {
    const { visitor, element } = panel({ GetVisitorDetails: () => visitorDetails({ pages: [page("https://shop.example/", "Главная", 1)] }) });
    await visitor.show(conversationId);

    visitor.pageViewed(page("https://shop.example/prices", "Цены", 2));
    visitor.pageViewed({ ...page("https://shop.example/other", "Чужая", 3), conversationId: otherConversationId });
    visitor.presenceChanged({ conversationId, visitorName: "Анна", online: false });

    expect(testIds(element, "visited-page").map((item) => item.querySelector("a")!.textContent)).toEqual(["Цены", "Главная"]);
    expect(testId(element, "visitor-online").textContent).toBe("нет");
  });

  it("shows the visitor's rating, and a rating given while the conversation is on screen, for that conversation only", async () => {
    const rating = (score: number, comment: string | null, id = conversationId) => ({ conversationId: id, score, comment, ratedAt: "2026-11-25T10:00:00+00:00", agentLogin: "m.petrov" });
    const { visitor, element } = panel({ GetVisitorDetails: () => visitorDetails() });
    await visitor.show(conversationId);
    expect(element.querySelector("[data-testid=visitor-rating]")).toBeNull();

    visitor.rated(rating(1, "Долго", otherConversationId));
    expect(element.querySelector("[data-testid=visitor-rating]")).toBeNull();
    visitor.rated(rating(4, "Спасибо, всё понятно"));
    expect(testId(element, "visitor-rating").textContent).toBe("4 из 5 — «Спасибо, всё понятно»");
    expect(testId(element, "visitor-rating").dataset.score).toBe("4");

    const rated = panel({ GetVisitorDetails: () => visitorDetails({ rating: rating(2, null) }) });
    await rated.visitor.show(conversationId);
    expect(testId(rated.element, "visitor-rating").textContent).toBe("2 из 5");
  });

  it("drops details that arrive after another conversation was put on screen", async () => {
    let answer: (details: ReturnType<typeof visitorDetails>) => void = () => undefined;
    const { visitor, element } = panel({ GetVisitorDetails: () => new Promise((resolve) => (answer = resolve)) });
    const first = visitor.show(conversationId);
    await Promise.resolve();
    const second = visitor.show(null);
    answer(visitorDetails());
    await Promise.all([first, second]);
    expect(element.hidden).toBe(true);
    expect(element.childElementCount).toBe(0);
  });

  it("says why the details could not be read", async () => {
    const { visitor, element, error } = panel({ GetVisitorDetails: () => refused("conversation_not_found") });
    await visitor.show(conversationId);
    expect(error.textContent).toBe("Диалог не найден.");
    expect(element.hidden).toBe(true);
  });
});
