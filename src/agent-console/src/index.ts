// The console page: sign-in form or workspace, a language switch, sign-out.

import type { AgentProfile } from "@chat/shared/contracts";
import { errorText, type Language } from "@chat/shared/error-texts";
import { ApiError } from "@chat/shared/errors";
import { safeStore } from "@chat/shared/storage";
import { me, signIn, signOut } from "./api";
import { applyTexts, consoleTexts, storedLanguage, storeLanguage } from "./i18n";
import { Workspace } from "./workspace";

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`The console page has no #${id}.`);
  }
  return element as T;
}

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
  workspace = new Workspace(
    profile,
    {
      connection,
      inboxList: byId("inbox-list"),
      queueCount: byId("queue-count"),
      mineList: byId("mine-list"),
      mineCount: byId("mine-count"),
      savedList: byId("saved-list"),
      attachInput: byId("attach-input"),
      attached: byId("attached"),
      handoffList: byId("handoff-list"),
      handoffCount: byId("handoff-count"),
      dueList: byId("due-list"),
      dueCount: byId("due-count"),
      colleagues: byId("colleagues"),
      myStatus: byId("my-status"),
      details: byId("details"),
      visitorDetails: byId("visitor-details"),
      handoffCard: byId("handoff-card"),
      companyPanel: byId("company-panel"),
      notes: byId("notes"),
      noteForm: byId("note-form"),
      noteInput: byId("note-input"),
      redirectForm: byId("redirect-form"),
      redirectTopic: byId("redirect-topic"),
      redirectButton: byId("redirect-button"),
      redirectSuggestion: byId("redirect-suggestion"),
      transferForm: byId("transfer-form"),
      transferInput: byId("transfer-input"),
      closeForm: byId("close-form"),
      preparationInput: byId("preparation-input"),
      detailsError: byId("details-error"),
      inboxEmpty: byId("inbox-empty"),
      title: byId("conversation-title"),
      leave: byId("leave"),
      pick: byId("pick"),
      transcript: byId("transcript"),
      replyForm: byId("reply-form"),
      replyInput: byId("reply-input"),
      replyError: byId("reply-error"),
      linkError: byId("link-error"),
      typing: byId("typing"),
    },
    () => language,
    () => consoleTexts(language),
    () => void endWorkspace().then(() => showSignIn(consoleTexts(language).sessionExpired)),
  );
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
