// The widget's texts in Russian (the default) and English.

import type { Language } from "@chat/shared/error-texts";

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
  typing: (count: number): string => (count > 1 ? "печатают…" : "печатает…"),
  you: "Вы",
  consultant: "Консультант",
  messages: "Сообщения чата",
  offlineTitle: "Оставьте сообщение",
  offlineText: "Ваш вопрос",
  email: "Электронная почта",
  phone: "Телефон",
  contactHint: "Телефон и/или электронная почта, чтобы мы могли ответить",
  leaveMessage: "Отправить сообщение",
  notConnected: "Нет связи с сервером, попробуйте ещё раз.",
  isClient: "Уже клиент?",
  identifyTitle: "Вы наш клиент",
  account: "Название или номер аккаунта",
  preferred: "Как связаться",
  preferredAny: "Как удобнее менеджеру",
  byPhone: "По телефону",
  byEmail: "По электронной почте",
  identify: "Отправить",
  callBack: "Заказать обратный звонок",
  callBackTitle: "Обратный звонок",
  date: "Дата",
  from: "С",
  to: "До",
  order: "Заказать звонок",
  cancel: "Отмена",
  topics: "Темы вопросов",
  newConversation: "Начать новый диалог",
  rating: {
    title: "Оцените, пожалуйста, разговор",
    score: (score: number) => `Оценка ${score} из 5`,
    comment: "Комментарий (необязательно)",
    thanks: "Спасибо за оценку!",
    pickScore: "Выберите оценку от 1 до 5.",
    tooLong: "Комментарий слишком длинный, сократите его.",
  },
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
  typing: (count: number) => (count > 1 ? "are typing…" : "is typing…"),
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
  newConversation: "Start a new conversation",
  rating: {
    title: "Please rate the conversation",
    score: (score: number) => `Rating ${score} of 5`,
    comment: "Comment (optional)",
    thanks: "Thank you for your rating!",
    pickScore: "Choose a rating from 1 to 5.",
    tooLong: "The comment is too long; please shorten it.",
  },
  handoff: { Relayed: "Passed to a manager", Delivered: "Delivered to your manager", Read: "Read by your manager", Accepted: "Your manager took your request", Contacted: "Your manager contacted you" } as Record<string, string>,
};

export function texts(language: Language): Texts {
  return language === "en" ? en : ru;
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
