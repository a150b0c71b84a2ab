// The console page: the sign-in form or the workspace, the language switch, sign-out.

import type { AgentProfile } from "@chat/shared/contracts";
import { errorText, type Language } from "@chat/shared/error-texts";
import { ApiError } from "@chat/shared/errors";
import { safeStore } from "@chat/shared/storage";
import { me, signIn, signOut } from "./api";
import { byId } from "./dom";
import { applyTexts, consoleTexts, storedLanguage, storeLanguage } from "./i18n";
import { Workspace } from "./workspace";

const store = safeStore(() => window.localStorage);
let language: Language = storedLanguage(store);
let workspace: Workspace | null = null;

const signInView = byId<HTMLElement>("sign-in");
const signInForm = byId<HTMLFormElement>("sign-in-form");
const signInButton = byId<HTMLButtonElement>("sign-in-button");
const signInError = byId<HTMLElement>("sign-in-error");
const workspaceView = byId<HTMLElement>("workspace");
const who = byId<HTMLElement>("who");
const signOutButton = byId<HTMLButtonElement>("sign-out");
const languageSwitch = byId<HTMLButtonElement>("language-switch");
const connection = byId<HTMLElement>("connection");

function relabel(): void {
  const texts = consoleTexts(language);
  document.documentElement.lang = language;
  document.title = texts.pageTitle;
  applyTexts(document, texts);
  workspace?.relabel();
}

function showSignIn(message: string | null): void {
  workspaceView.hidden = true;
  signOutButton.hidden = true;
  who.hidden = true;
  signInView.hidden = false;
  signInError.textContent = message ?? "";
  connection.hidden = true;
  signInForm.querySelector<HTMLInputElement>("input[name=login]")?.focus();
}

function showWorkspace(profile: AgentProfile): void {
  signInView.hidden = true;
  workspaceView.hidden = false;
  signOutButton.hidden = false;
  connection.hidden = false;
  who.hidden = false;
  who.textContent = `${profile.displayName} (${profile.login})`;
  workspace = new Workspace(profile, () => language, () => void endWorkspace().then(() => showSignIn(consoleTexts(language).sessionExpired)));
  workspace.start();
}

async function endWorkspace(): Promise<void> {
  const ending = workspace;
  workspace = null;
  await ending?.stop();
}

signInForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = new FormData(signInForm);
  signInButton.disabled = true;
  signInError.textContent = "";
  try {
    const profile = await signIn(String(data.get("login") ?? ""), String(data.get("password") ?? ""));
    signInForm.reset();
    showWorkspace(profile);
  } catch (error) {
    signInError.textContent = error instanceof ApiError ? errorText(language, error.code) : consoleTexts(language).unreachable;
  } finally {
    signInButton.disabled = false;
  }
});

signOutButton.addEventListener("click", async () => {
  await endWorkspace();
  await signOut().catch(() => undefined);
  showSignIn(null);
});

languageSwitch.addEventListener("click", () => {
  language = language === "ru" ? "en" : "ru";
  storeLanguage(store, language);
  relabel();
});

async function boot(): Promise<void> {
  relabel();
  try {
    const profile = await me();
    if (profile) {
      showWorkspace(profile);
    } else {
      showSignIn(null);
    }
  } catch {
    showSignIn(consoleTexts(language).unreachable);
  }
}

void boot();
