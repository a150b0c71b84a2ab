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
  leave: "Скрыть",
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
  handoffs: "Передачи мне",
  queue: "Очередь",
  mine: "Мои диалоги",
  due: "Сроки: сегодня и просрочено",
  overdue: "просрочено",
  dueBy: "до",
  longerWork: "Нужно больше времени",
  colleagues: "Коллеги",
  myStatus: "Мой статус",
  statusOnline: "На месте",
  statusAway: "Отошёл",
  statusOffline: "Не в сети",
  onShift: "на смене",
  offShift: "вне смены",
  handoffCard: "Передача",
  account: "Клиент",
  company: "Компания",
  tariff: "Тариф",
  phone: "Телефон",
  email: "E-mail",
  topic: "Тема",
  status: "Статус",
  contactWarning: "Контакт не совпадает с данными клиента в системе — проверьте перед звонком.",
  notVerified: "Клиент не найден по указанному номеру или названию.",
  accept: "Принять",
  contactedPhone: "Связался по телефону",
  contactedEmail: "Связался по e-mail",
  notes: "Заметки (видны только сотрудникам)",
  notePlaceholder: "Внутренняя заметка…",
  addNote: "Добавить заметку",
  transferTo: "Передать коллеге (логин) или отделу",
  transfer: "Передать",
  preparation: "Подготовка, мин",
  close: "Завершить диалог",
  companyPanel: "Нагрузка компании за неделю",
  requests: "Обращений",
  minutes: "Минут",
  referral: "Рекомендуем подключить отдел обучения и внедрения: компания превысила пороги консультаций за неделю.",
  attach: "Прикрепить скриншот или PDF",
  attached: "Прикреплено",
  savedAnswers: "Готовые ответы",
  newHandoff: "Новая передача",
  newChat: "Новый чат в очереди",
  closed: "Диалог завершён",
  handoffForbidden: "Эта передача адресована другому сотруднику: открыть её может только адресат или руководитель.",
  handoffNotFound: "Передача по этой ссылке не найдена.",
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
  leave: "Hide",
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
  handoffs: "Handed to me",
  queue: "Queue",
  mine: "My conversations",
  due: "Due today and overdue",
  overdue: "overdue",
  dueBy: "by",
  longerWork: "Needs longer work",
  colleagues: "Colleagues",
  myStatus: "My status",
  statusOnline: "Online",
  statusAway: "Away",
  statusOffline: "Offline",
  onShift: "on shift",
  offShift: "off shift",
  handoffCard: "Handoff",
  account: "Client",
  company: "Company",
  tariff: "Tariff",
  phone: "Phone",
  email: "E-mail",
  topic: "Topic",
  status: "Status",
  contactWarning: "The contact given is not on file for this client; check before calling.",
  notVerified: "No client matched the number or name given.",
  accept: "Accept",
  contactedPhone: "Contacted by phone",
  contactedEmail: "Contacted by e-mail",
  notes: "Notes (staff only)",
  notePlaceholder: "Internal note…",
  addNote: "Add note",
  transferTo: "Transfer to a colleague (login) or department",
  transfer: "Transfer",
  preparation: "Preparation, min",
  close: "Close conversation",
  companyPanel: "Company load this week",
  requests: "Requests",
  minutes: "Minutes",
  referral: "We recommend involving Training & Implementation: the company crossed this week's consultation thresholds.",
  attach: "Attach a screenshot or PDF",
  attached: "Attached",
  savedAnswers: "Saved answers",
  newHandoff: "New handoff",
  newChat: "New chat in the queue",
  closed: "Conversation closed",
  handoffForbidden: "This handoff is addressed to someone else: only its addressee or a supervisor may open it.",
  handoffNotFound: "No handoff matches this link.",
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
