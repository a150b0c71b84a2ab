// A new handoff or chat while the tab is in the background: a short tone and, with the browser's permission (asked on
// the first click in the console), a system notification.

export class Notifications {
  start(): void {
    document.addEventListener("click", this.askPermission, { once: true });
  }

  stop(): void {
    document.removeEventListener("click", this.askPermission);
  }

  alert(title: string, body: string): void {
    if (document.visibilityState === "visible") {
      return;
    }
    try {
      const audio = new AudioContext();
      const tone = audio.createOscillator();
      tone.frequency.value = 880;
      tone.connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.25);
    } catch {
      // No audio device: the notification still shows.
    }
    if ("Notification" in window && Notification.permission === "granted") {
      new Notification(title, { body });
    }
  }

  private readonly askPermission = (): void => {
    if ("Notification" in window && Notification.permission === "default") {
      void Notification.requestPermission();
    }
  };
}
