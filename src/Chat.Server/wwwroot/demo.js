// The demo page's notice (only while the server seeds the demo, GET /api/demo answers): out of office hours the widget
// offers only the offline form, which a newcomer could take for broken live chat; say so, and name the switch that
// opens the chat at any hour (Chat:Demo:AlwaysOpen, refused in Production).
(async () => {
  const read = (url) => fetch(url).then((r) => (r.ok ? r.json() : null)).catch(() => null);
  const demo = await read("/api/demo");
  const policy = demo && (await read("/api/policy/public?lang=ru"));
  if (!policy || (policy.online && !demo.alwaysOpen)) {
    return;
  }

  const notice = document.createElement("p");
  notice.className = "demo-notice";
  notice.setAttribute("role", "status");
  notice.dataset.testid = "demo-notice";
  if (demo.alwaysOpen) {
    notice.append("Демонстрация: чат открыт в любое время — включена настройка ", code("Chat:Demo:AlwaysOpen"),
      `; по регламенту он работает по рабочим дням с ${policy.hours.open} до ${policy.hours.close}.`);
  } else {
    notice.append(
      `Демонстрация: сейчас нерабочее время — чат работает по рабочим дням с ${policy.hours.open} до ${policy.hours.close} `
        + "по времени офиса, поэтому виджет предлагает оставить сообщение (оно попадёт в очередь и дойдёт до менеджера). "
        + "Чтобы попробовать живой чат в любое время, запустите сервер так: ",
      code("dotnet run --project src/Chat.Server -- --Chat:Demo:AlwaysOpen=true"), ".");
  }
  document.body.prepend(notice);

  function code(text) {
    const element = document.createElement("code");
    element.textContent = text;
    return element;
  }
})();
