// The widget's texts in Russian (the default) and English, and the readable form of every error code.

import type { ErrorCode } from "./errors";

export type Language = "ru" | "en";

const ru = {
  title: "Чат с консультантом",
  subtitle: "Отвечаем в рабочее время, 09:00–19:00 МСК",
  open: "Открыть чат",
  close: "Закрыть чат",
  unread: (count: number) => `Новых сообщений: ${count}`,
  connecting: "Подключение…",
  reconnecting: "Восстанавливаем связь…",
  connected: "На связи",
  empty: "Здравствуйте! Напишите свой вопрос — консультант ответит здесь.",
  inputLabel: "Сообщение",
  placeholder: "Напишите сообщение…",
  send: "Отправить",
  sending: "Отправляется…",
  sent: "Доставлено",
  failed: "Не отправлено",
  you: "Вы",
  consultant: "Консультант",
  messages: "Сообщения чата",
};

export type Texts = typeof ru;

const en: Texts = {
  title: "Chat with a consultant",
  subtitle: "We answer in office hours, 09:00–19:00 Moscow time",
  open: "Open chat",
  close: "Close chat",
  unread: (count: number) => `New messages: ${count}`,
  connecting: "Connecting…",
  reconnecting: "Reconnecting…",
  connected: "Online",
  empty: "Hello! Type your question and a consultant will answer here.",
  inputLabel: "Message",
  placeholder: "Type a message…",
  send: "Send",
  sending: "Sending…",
  sent: "Delivered",
  failed: "Not sent",
  you: "You",
  consultant: "Consultant",
  messages: "Chat messages",
};

const errorsRu: Record<ErrorCode, string> = {
  empty_message: "Сообщение пустое.",
  message_too_long: "Сообщение слишком длинное: не больше 4000 символов.",
  invalid_argument: "Запрос не удалось обработать.",
  conversation_not_found: "Диалог не найден.",
  forbidden: "Нет доступа к этому диалогу.",
  unauthenticated: "Требуется вход.",
  invalid_token: "Сессия чата устарела, начинаем новую.",
  invalid_credentials: "Неверный логин или пароль.",
  rate_limited: "Слишком много сообщений подряд, попробуйте чуть позже.",
  internal_error: "Ошибка на сервере, повторяем отправку.",
};

const errorsEn: Record<ErrorCode, string> = {
  empty_message: "The message is empty.",
  message_too_long: "The message is too long: 4000 characters at most.",
  invalid_argument: "The request could not be processed.",
  conversation_not_found: "The conversation was not found.",
  forbidden: "You have no access to this conversation.",
  unauthenticated: "Please sign in.",
  invalid_token: "The chat session expired; starting a new one.",
  invalid_credentials: "Wrong login or password.",
  rate_limited: "Too many messages in a row; please try again shortly.",
  internal_error: "A server error; retrying.",
};

export function texts(language: Language): Texts {
  return language === "en" ? en : ru;
}

export function errorText(language: Language, code: ErrorCode): string {
  return (language === "en" ? errorsEn : errorsRu)[code];
}

/** `data-lang` when it names a supported language; otherwise English for a browser that prefers English; otherwise Russian. */
export function pickLanguage(attribute: string | null | undefined, browserLanguages: readonly string[]): Language {
  const explicit = attribute?.trim().toLowerCase().slice(0, 2);
  if (explicit === "ru" || explicit === "en") {
    return explicit;
  }
  for (const language of browserLanguages) {
    const code = language.toLowerCase().slice(0, 2);
    if (code === "ru" || code === "en") {
      return code;
    }
  }
  return "ru";
}
