// The console's texts, Russian by default, English by the switch in the top bar (remembered).

import type { KeyValueStore, Language } from "./shared";

const ru = {
  pageTitle: "Консоль консультанта",
  title: "Консоль консультанта",
  signInTitle: "Вход для сотрудников",
  login: "Логин",
  password: "Пароль",
  signIn: "Войти",
  signOut: "Выйти",
  sessionExpired: "Сеанс завершён, войдите снова.",
  unreachable: "Сервер недоступен, попробуйте ещё раз.",
  inbox: "Диалоги",
  inboxEmpty: "Открытых диалогов пока нет.",
  pickConversation: "Выберите диалог слева.",
  reply: "Ответ",
  replyPlaceholder: "Напишите ответ… (Enter — отправить, Shift+Enter — новая строка)",
  send: "Отправить",
  leave: "Закрыть диалог",
  you: "Вы",
  sending: "Отправляется…",
  sent: "Доставлено",
  failed: "Не отправлено",
  messages: "Сообщения диалога",
  connecting: "Подключение…",
  reconnecting: "Восстанавливаем связь…",
  connected: "На связи",
  idle: "Не подключено",
  switchTo: "English",
  newMessages: "новые сообщения",
};

export type ConsoleTexts = typeof ru;

const en: ConsoleTexts = {
  pageTitle: "Agent console",
  title: "Agent console",
  signInTitle: "Staff sign-in",
  login: "Login",
  password: "Password",
  signIn: "Sign in",
  signOut: "Sign out",
  sessionExpired: "Your session ended; please sign in again.",
  unreachable: "The server is out of reach; please try again.",
  inbox: "Conversations",
  inboxEmpty: "No open conversations yet.",
  pickConversation: "Pick a conversation on the left.",
  reply: "Reply",
  replyPlaceholder: "Type a reply… (Enter sends, Shift+Enter for a new line)",
  send: "Send",
  leave: "Close conversation",
  you: "You",
  sending: "Sending…",
  sent: "Delivered",
  failed: "Not sent",
  messages: "Conversation messages",
  connecting: "Connecting…",
  reconnecting: "Reconnecting…",
  connected: "Online",
  idle: "Not connected",
  switchTo: "Русский",
  newMessages: "new messages",
};

export type TextKey = keyof ConsoleTexts;

const key = "agent-console:language";

export function storedLanguage(store: KeyValueStore): Language {
  return store.getItem(key) === "en" ? "en" : "ru";
}

export function storeLanguage(store: KeyValueStore, language: Language): void {
  store.setItem(key, language);
}

export function consoleTexts(language: Language): ConsoleTexts {
  return language === "en" ? en : ru;
}

/** Fills every element marked data-i18n (text), data-i18n-placeholder and data-i18n-label (aria-label). */
export function applyTexts(root: ParentNode, texts: ConsoleTexts): void {
  for (const element of Array.from(root.querySelectorAll<HTMLElement>("[data-i18n]"))) {
    element.textContent = texts[element.dataset.i18n as TextKey] ?? element.textContent;
  }
  for (const element of Array.from(root.querySelectorAll<HTMLElement>("[data-i18n-placeholder]"))) {
    element.setAttribute("placeholder", texts[element.dataset.i18nPlaceholder as TextKey] ?? "");
  }
  for (const element of Array.from(root.querySelectorAll<HTMLElement>("[data-i18n-label]"))) {
    element.setAttribute("aria-label", texts[element.dataset.i18nLabel as TextKey] ?? "");
  }
}
