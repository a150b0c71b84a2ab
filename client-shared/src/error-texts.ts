// The readable form of every error code, in Russian (the default) and English: the widget and the console show the same words.

import type { ErrorCode } from "./errors";

export type Language = "ru" | "en";

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
  staff_not_found: "Сотрудник не найден.",
  not_assignee: "Диалог ведёт другой сотрудник.",
  conversation_closed: "Диалог завершён.",
  not_closed: "Оценить можно только завершённый диалог.",
  api_key_not_found: "Ключ не найден.",
  webhook_not_found: "Подписка не найдена или событие уже удалено.",
  webhook_url_refused: "Адрес отклонён: нужен защищённый адрес сервера в интернете, а не во внутренней сети.",
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
  staff_not_found: "No such colleague.",
  not_assignee: "Another colleague holds this conversation.",
  conversation_closed: "The conversation is closed.",
  not_closed: "Only a closed conversation can be rated.",
  api_key_not_found: "The key was not found.",
  webhook_not_found: "The subscription was not found, or the event is no longer kept.",
  webhook_url_refused: "The address was refused: it must be a secure address of a server on the internet, not on an internal network.",
};

export function errorText(language: Language, code: ErrorCode): string {
  return (language === "en" ? errorsEn : errorsRu)[code];
}
