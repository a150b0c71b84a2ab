// The widget's stylesheet, scoped by its shadow root. `:host { all: initial }` keeps the host page's styles out.

export const widgetCss = `
:host { all: initial !important; }
*, *::before, *::after { box-sizing: border-box; }
.root {
  --gap: 12px;
  position: fixed; bottom: 20px; z-index: 2147483000;
  font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #1c2430;
}
.root--right { right: 20px; }
.root--left { left: 20px; }
button { font: inherit; cursor: pointer; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.launcher {
  position: relative; width: 60px; height: 60px; border: 0; border-radius: 50%;
  background: var(--accent); color: var(--on-accent);
  box-shadow: 0 6px 20px rgba(0, 0, 0, .25); display: grid; place-items: center;
}
.launcher svg { width: 28px; height: 28px; fill: currentColor; }
.launcher[aria-expanded="true"] { display: none; }
.badge {
  position: absolute; top: -4px; right: -4px; min-width: 22px; height: 22px; padding: 0 6px;
  border-radius: 11px; background: #d92d20; color: #fff; font-size: 12px; font-weight: 700;
  display: grid; place-items: center; border: 2px solid #fff;
}
.badge[hidden] { display: none; }
.panel {
  width: min(380px, calc(100vw - 24px)); height: min(640px, calc(100vh - 40px));
  display: flex; flex-direction: column; overflow: hidden;
  background: #fff; border-radius: 14px; box-shadow: 0 12px 40px rgba(0, 0, 0, .28);
}
.panel[hidden] { display: none; }
.header {
  display: flex; align-items: flex-start; gap: var(--gap); padding: 14px 16px;
  background: var(--accent); color: var(--on-accent);
}
.header__text { flex: 1; min-width: 0; }
.title { margin: 0; font-size: 16px; font-weight: 650; }
.subtitle { margin: 2px 0 0; font-size: 12.5px; opacity: .85; }
.status { margin: 4px 0 0; font-size: 12.5px; font-weight: 600; }
.status[data-state="connected"], .status[data-state="idle"] { display: none; }
.status::before { content: ""; display: inline-block; width: 8px; height: 8px; margin-right: 6px; border-radius: 50%; background: #f5b400; }
.close {
  flex: none; width: 32px; height: 32px; border: 0; border-radius: 8px;
  background: transparent; color: inherit; font-size: 22px; line-height: 1;
}
.close:hover { background: rgba(255, 255, 255, .18); }
.notices:empty { display: none; }
.notices { flex: none; max-height: 40%; overflow-y: auto; padding: 8px 12px; border-bottom: 1px solid #e1e5eb; background: #fff; }
.panel[data-mode="offline"] .notices { flex: 1 1 auto; max-height: none; }
.panel[data-mode="offline"] .messages { flex: 0 1 auto; max-height: 30%; }
.prompts { flex: none; background: #f4f6f9; }
.topic-prompt { display: flex; flex-direction: column; gap: 6px; padding: 0 12px 8px; }
.topic-prompt:has(> .topics[hidden]):has(> .notice:empty) { display: none; }
.features, .form, .box { display: flex; flex-direction: column; gap: 8px; }
.topics { display: flex; flex-wrap: wrap; gap: 6px; max-height: 92px; overflow-y: auto; padding-top: 2px; }
.topics .chip { align-self: auto; padding: 3px 10px; font-size: 12.5px; }
.rating { padding: 8px 12px; border-top: 1px solid #e1e5eb; background: #fff; }
.rating .form { gap: 6px; }
.rating__scores { margin: 0; padding: 0; border: 0; min-width: 0; }
.rating__title { padding: 0; margin-bottom: 6px; font-size: 14px; font-weight: 600; }
.rating__row { display: flex; gap: 6px; }
.rating__score { position: relative; flex: 1; max-width: 52px; }
.rating__score input { position: absolute; inset: 0; width: 100%; height: 100%; margin: 0; opacity: 0; cursor: pointer; }
.rating__score span {
  display: grid; place-items: center; height: 34px; border: 1px solid var(--accent); border-radius: 8px; background: #fff; font-weight: 600;
}
.rating__score input:checked + span { background: var(--accent); color: var(--on-accent); }
.rating__score input:focus-visible + span { outline: 3px solid var(--accent); outline-offset: 2px; }
.rating .field textarea { min-height: 40px; }
.restart {
  flex: none; align-self: center; margin: 0 12px 8px; padding: 7px 14px; border: 0; border-radius: 8px;
  background: var(--accent); color: var(--on-accent);
}
.message__author, .message__text { unicode-bidi: isolate; }
.chip {
  align-self: flex-start; padding: 5px 10px; border: 1px solid var(--accent); border-radius: 14px;
  background: #fff; color: #1c2430; font-size: 13px;
}
.chip:hover { background: #eef3fb; }
[hidden] { display: none !important; }
.notice, .state, .hint, .box__text { margin: 0; font-size: 13.5px; white-space: pre-wrap; overflow-wrap: anywhere; }
.notice:empty, .state:empty, .form__alert:empty, .field__error:empty { display: none; }
.notice { padding: 8px 10px; border-radius: 10px; background: #eef3fb; }
.state { font-weight: 600; color: #1f6f3f; }
.hint { color: #5b6573; }
.field { display: flex; flex-direction: column; gap: 3px; font-size: 13px; }
.field input, .field textarea, .field select {
  padding: 8px 10px; border: 1px solid #c5ccd6; border-radius: 8px; font: inherit; color: inherit; background: #fff; min-width: 0;
}
.field textarea { min-height: 64px; resize: vertical; }
.field [aria-invalid="true"] { border-color: #b42318; }
.field__error, .form__alert { margin: 0; color: #b42318; font-size: 12.5px; }
.form__submit {
  align-self: flex-start; padding: 8px 14px; border: 0; border-radius: 8px;
  background: var(--accent); color: var(--on-accent);
}
.form__submit:disabled { opacity: .6; }
.messages {
  flex: 1; margin: 0; padding: 14px 14px 6px; list-style: none; overflow-y: auto;
  background: #f4f6f9; display: flex; flex-direction: column; gap: 10px;
}
.empty { margin: 0; padding: 18px 20px 0; background: #f4f6f9; text-align: center; color: #5b6573; font-size: 14px; }
.empty[hidden] { display: none; }
.message { max-width: 85%; display: flex; flex-direction: column; gap: 2px; }
.message--own { align-self: flex-end; align-items: flex-end; }
.message--other { align-self: flex-start; }
.message--system { align-self: center; max-width: 95%; text-align: center; color: #5b6573; font-size: 13px; }
.message__author { font-size: 12px; color: #5b6573; padding: 0 4px; }
.message--own .message__author { display: none; }
.message__text {
  padding: 8px 12px; border-radius: 14px; white-space: pre-wrap; overflow-wrap: anywhere;
  background: #fff; border: 1px solid #e1e5eb;
}
.message--own .message__text { background: var(--accent); color: var(--on-accent); border-color: transparent; }
.message--own .message__text a { color: inherit; }
.message__attachments { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 4px; }
.message__image { max-width: 200px; max-height: 160px; border-radius: 6px; display: block; }
.message--system .message__text { background: transparent; border: 0; }
.message__text a { color: #0b57b0; text-decoration: underline; }
.message__meta { font-size: 11.5px; color: #6b7480; padding: 0 4px; }
.message[data-state="sending"] .message__text { opacity: .7; }
.message[data-state="read"] .message__meta { color: #1f6f3f; }
.message[data-state="failed"] .message__text { background: #fde8e7; color: #7a1c14; border-color: #f3b5b0; }
.message[data-state="failed"] .message__meta { color: #b42318; }
.typing { margin: 0; padding: 4px 14px; background: #f4f6f9; color: #5b6573; font-size: 12.5px; font-style: italic; }
.typing:empty { height: 0; padding: 0; overflow: hidden; }
.composer { display: flex; gap: 8px; padding: 10px 12px; border-top: 1px solid #e1e5eb; background: #fff; }
.input {
  flex: 1; min-height: 42px; max-height: 120px; resize: none; padding: 10px 12px;
  border: 1px solid #c5ccd6; border-radius: 10px; font: inherit; color: inherit; background: #fff;
}
.input:focus-visible { outline: 2px solid var(--accent); outline-offset: 0; border-color: var(--accent); }
.send {
  flex: none; width: 44px; height: 42px; border: 0; border-radius: 10px;
  background: var(--accent); color: var(--on-accent); display: grid; place-items: center;
}
.send svg { width: 20px; height: 20px; fill: currentColor; }
.error { margin: 0; padding: 0 14px 10px; color: #b42318; font-size: 13px; background: #fff; }
.error:empty { display: none; }
@media (max-width: 480px) {
  .root--open { inset: 0; }
  .root--open .panel { width: 100vw; height: 100%; border-radius: 0; }
}
@media (prefers-reduced-motion: no-preference) {
  .panel { animation: rise .18s ease-out; }
  @keyframes rise { from { transform: translateY(12px); opacity: 0; } }
}
`;
