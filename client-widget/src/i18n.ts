// The widget's texts in Russian (the default) and English, and the readable form of every error code.

import type { ErrorCode } from "./errors";

export type Language = "ru" | "en";

const ru = {
  title: "Чат с консультантом",
  subtitle: "Отвечаем в рабочее время",
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
  read: "Прочитано",
  failed: "Не отправлено",
  typing: (names: readonly string[]) => `${names.join(", ")} ${names.length > 1 ? "печатают" : "печатает"}…`,
  you: "Вы",
  consultant: "Консультант",
  messages: "Сообщения чата",
  offlineTitle: "Оставьте сообщение",
  offlineText: "Ваш вопрос",
  email: "E-mail",
  phone: "Телефон",
  contactHint: "Телефон и/или e-mail, чтобы мы могли ответить",
  leaveMessage: "Отправить сообщение",
  notConnected: "Нет связи с сервером, попробуйте ещё раз.",
  isClient: "Уже клиент?",
  identifyTitle: "Вы наш клиент",
  account: "Название или номер аккаунта",
  preferred: "Как связаться",
  preferredAny: "Как удобнее менеджеру",
  byPhone: "По телефону",
  byEmail: "По e-mail",
  identify: "Отправить",
  callBack: "Заказать обратный звонок",
  callBackTitle: "Обратный звонок",
  date: "Дата",
  from: "С",
  to: "До",
  order: "Заказать звонок",
  cancel: "Отмена",
  topics: "Темы вопросов",
  handoff: { Relayed: "Передано менеджеру", Delivered: "Доставлено вашему менеджеру", Read: "Прочитано менеджером", Accepted: "Менеджер взял ваш запрос", Contacted: "Менеджер связался с вами" } as Record<string, string>,
};

export type Texts = typeof ru;

const en: Texts = {
  title: "Chat with a consultant",
  subtitle: "We answer in office hours",
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
  read: "Read",
  failed: "Not sent",
  typing: (names: readonly string[]) => `${names.join(", ")} ${names.length > 1 ? "are" : "is"} typing…`,
  you: "You",
  consultant: "Consultant",
  messages: "Chat messages",
  offlineTitle: "Leave a message",
  offlineText: "Your question",
  email: "E-mail",
  phone: "Phone",
  contactHint: "A phone number and/or an e-mail address, so we can answer",
  leaveMessage: "Send message",
  notConnected: "No connection to the server; please try again.",
  isClient: "Already a client?",
  identifyTitle: "You are our client",
  account: "Account name or ID",
  preferred: "How to reach you",
  preferredAny: "Whichever suits the manager",
  byPhone: "By phone",
  byEmail: "By e-mail",
  identify: "Send",
  callBack: "Request a call-back",
  callBackTitle: "Call-back",
  date: "Date",
  from: "From",
  to: "To",
  order: "Request the call",
  cancel: "Cancel",
  topics: "Question topics",
  handoff: { Relayed: "Passed to a manager", Delivered: "Delivered to your manager", Read: "Read by your manager", Accepted: "Your manager took your request", Contacted: "Your manager contacted you" } as Record<string, string>,
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
  internal_error: "Ошибка на сервере, попробуйте ещё раз.",
  account_required: "Укажите название или номер аккаунта.",
  account_too_long: "Не больше 100 символов.",
  invalid_phone: "Проверьте номер телефона.",
  invalid_email: "Проверьте адрес e-mail.",
  contact_required: "Укажите телефон или e-mail.",
  invalid_characters: "Недопустимые символы.",
  invalid_window: "Проверьте время звонка.",
  not_identified: "Сначала укажите аккаунт.",
  callback_not_allowed: "Обратный звонок недоступен на вашем тарифе.",
  handoff_not_found: "Запрос не найден.",
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
  internal_error: "A server error; please try again.",
  account_required: "Give the account's name or ID.",
  account_too_long: "100 characters at most.",
  invalid_phone: "Check the phone number.",
  invalid_email: "Check the e-mail address.",
  contact_required: "Give a phone number or an e-mail address.",
  invalid_characters: "Characters that are not allowed.",
  invalid_window: "Check the time of the call.",
  not_identified: "Give your account first.",
  callback_not_allowed: "Your tariff has no call-back.",
  handoff_not_found: "The request was not found.",
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
