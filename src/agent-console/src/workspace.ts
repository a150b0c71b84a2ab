// The signed-in console, put together: the agent hub, one object per panel of the page, the hub's events routed to
// them, and what happens on every (re)connect and on choosing a conversation.

import type { AgentHubEvents, AgentProfile, ClosedConversation, ConversationSummary } from "@chat/shared/contracts";
import type { Language } from "@chat/shared/error-texts";
import { HubLink, type LinkState } from "@chat/shared/hub-link";
import { fetchPolicy } from "@chat/shared/policy";
import { subscribe } from "@chat/shared/typed-hub";
import { adminRole, AdminPanel } from "./admin";
import { adminApi } from "./admin-api";
import { uploadAttachment } from "./api";
import { ColleaguesPanel } from "./colleagues";
import { CompanyLoadPanel } from "./company-load";
import { Composer } from "./composer";
import { ConsolePolicy } from "./console-policy";
import type { ConsoleContext } from "./context";
import { ConversationActionsPanel } from "./conversation-actions";
import { ConversationsPanel } from "./conversations";
import { byId } from "./dom";
import { DueItemsPanel } from "./due-items";
import { ErrorLine } from "./error-line";
import { HandoffsPanel } from "./handoffs";
import { createAgentHub } from "./hub";
import { consoleTexts } from "./i18n";
import { InboxPanel } from "./inbox-panel";
import { DeepLink } from "./links";
import { EmailThreadPanel } from "./email-thread";
import { NotesPanel } from "./notes";
import { Notifications } from "./notifications";
import { RatingNotices } from "./rating-notices";
import { RedirectPanel } from "./redirect";
import { loadCharts } from "./reports/loader";
import { downloadText, ReportsPanel } from "./reports/view";
import { SavedAnswersPanel } from "./saved-answers";
import { Uploads } from "./uploads";
import { VisitorDetailsPanel } from "./visitor-details";

export class Workspace {
  private readonly context: ConsoleContext;
  private readonly link: HubLink;
  private state: LinkState = "idle";
  private readonly connection = byId("connection");
  private readonly details = byId("details");
  private readonly detailsError: ErrorLine;
  private readonly notifications = new Notifications();
  private readonly inbox: InboxPanel;
  private readonly conversations: ConversationsPanel;
  private readonly composer: Composer;
  private readonly uploads: Uploads;
  private readonly savedAnswers: SavedAnswersPanel;
  private readonly handoffs: HandoffsPanel;
  private readonly due: DueItemsPanel;
  private readonly colleagues: ColleaguesPanel;
  private readonly visitor: VisitorDetailsPanel;
  private readonly company: CompanyLoadPanel;
  private readonly notes: NotesPanel;
  private readonly email: EmailThreadPanel;
  private readonly redirect: RedirectPanel;
  private readonly actions: ConversationActionsPanel;
  private readonly deepLink: DeepLink;
  private readonly ratings: RatingNotices;
  private readonly policy: ConsolePolicy;
  /** Only an administrator's console has one. */
  private readonly admin: AdminPanel | null;
  private readonly reports: ReportsPanel;

  constructor(me: AgentProfile, language: () => Language, unauthorized: () => void) {
    const hub = createAgentHub(unauthorized);
    const context: ConsoleContext = { hub, me, language, texts: () => consoleTexts(language()) };
    this.context = context;
    const select = (conversationId: string) => this.select(conversationId);
    const alert = (title: string, body: string) => this.notifications.alert(title, body);
    const connected = () => this.state === "connected";
    this.detailsError = new ErrorLine(byId("details-error"), language);
    const replyError = new ErrorLine(byId("reply-error"), language);
    this.policy = new ConsolePolicy((lang) => fetchPolicy("", lang, (url, init) => fetch(url, init)), language, () => this.handoffs.render());

    this.inbox = new InboxPanel(
      context,
      { queue: byId("inbox-list"), queueCount: byId("queue-count"), mine: byId("mine-list"), mineCount: byId("mine-count"), empty: byId("inbox-empty") },
      { selected: () => this.conversations.selectedId, select, alert },
    );
    this.conversations = new ConversationsPanel(
      context,
      {
        title: byId("conversation-title"),
        leave: byId("leave"),
        pick: byId("pick"),
        transcript: byId("transcript"),
        replyForm: byId("reply-form"),
        typing: byId("typing"),
        state: byId("conversation-state"),
        actions: byId("conversation-actions"),
      },
      {
        connected,
        summary: (id) => this.inbox.get(id),
        nameOf: (login) => this.colleagues.nameOf(login),
        seen: (id, sequence) => this.inbox.seen(id, sequence),
        left: () => {
          this.composer.stopTyping();
          this.inbox.render();
          void this.showDetails(null);
        },
        decorate: (item, message) => this.email.decorate(item, message),
      },
    );
    this.uploads = new Uploads(context, { input: byId("attach-input"), attached: byId("attached") }, replyError, uploadAttachment);
    this.composer = new Composer(context, { form: byId("reply-form"), input: byId("reply-input") }, replyError, this.uploads, () => this.conversations.current);
    this.savedAnswers = new SavedAnswersPanel(context, { form: byId("reply-form"), input: byId("reply-input"), list: byId("saved-list") });
    this.handoffs = new HandoffsPanel(context, { list: byId("handoff-list"), count: byId("handoff-count"), card: byId("handoff-card") }, this.detailsError, select, alert, (key) =>
      this.policy.tariffLabel(key),
    );
    this.due = new DueItemsPanel(context, { list: byId("due-list"), count: byId("due-count") }, this.detailsError, select);
    this.colleagues = new ColleaguesPanel(context, { list: byId("colleagues"), myStatus: byId("my-status") }, this.detailsError);
    this.visitor = new VisitorDetailsPanel(context, byId("visitor-details"), this.detailsError);
    this.company = new CompanyLoadPanel(context, byId("company-panel"), this.detailsError);
    this.notes = new NotesPanel(context, { list: byId("notes"), form: byId("note-form"), input: byId("note-input") }, this.detailsError);
    this.email = new EmailThreadPanel(context, { header: byId("conversation-email"), transcript: byId("transcript") }, this.detailsError);
    this.redirect = new RedirectPanel(
      context,
      { form: byId("redirect-form"), topic: byId("redirect-topic"), button: byId("redirect-button"), suggestion: byId("redirect-suggestion") },
      this.detailsError,
      {
        policy: (lang) => this.policy.load(lang),
        topicOf: (id) => this.inbox.get(id)?.topic ?? null,
      },
    );
    this.actions = new ConversationActionsPanel(
      context,
      {
        transferForm: byId("transfer-form"),
        transferInput: byId("transfer-input"),
        transferError: byId("transfer-error"),
        closeForm: byId("close-form"),
        preparationInput: byId("preparation-input"),
      },
      this.detailsError,
      { transferred: (summary) => this.changed(summary, true), closed: (closed) => this.closed(closed) },
    );
    this.ratings = new RatingNotices(context, byId("rating-notices"), { selected: () => this.conversations.selectedId, select, alert });
    this.admin =
      me.role === adminRole
        ? new AdminPanel(
            context,
            {
              toggle: byId("admin-toggle"),
              view: byId("admin"),
              workspace: byId("workspace"),
              notices: byId("admin-notices"),
              keyForm: byId("api-key-form"),
              keyScopes: byId("api-key-scopes"),
              keyError: byId("api-key-error"),
              keySecret: byId("api-key-secret"),
              keyList: byId("api-key-list"),
              hookForm: byId("webhook-form"),
              hookEvents: byId("webhook-events"),
              hookError: byId("webhook-error"),
              hookSecret: byId("webhook-secret"),
              hookList: byId("webhook-list"),
              deliveries: byId("webhook-deliveries"),
            },
            adminApi,
            { alert, confirm: (question) => window.confirm(question), opening: () => this.reports.open(false) },
          )
        : null;
    this.reports = new ReportsPanel(
      context,
      {
        toggle: byId("reports-toggle"),
        view: byId("reports"),
        workspace: byId("workspace"),
        form: byId("reports-form"),
        oversight: byId("reports-oversight"),
        department: byId("reports-department"),
        manager: byId("reports-manager"),
        own: byId("reports-own"),
        status: byId("reports-status"),
        error: byId("reports-error"),
        output: byId("reports-output"),
      },
      {
        colleagues: () => this.colleagues.list(),
        timeZone: () => this.policy.timeZone(),
        now: () => new Date(),
        charts: () => loadCharts(),
        opening: () => this.admin?.open(false),
        openConversation: select,
        download: downloadText,
      },
    );
    this.deepLink = new DeepLink(context, byId("link-error"), {
      connected,
      open: (card) => {
        this.handoffs.opened(card);
        this.select(card.conversationId);
      },
    });

    subscribe<AgentHubEvents>(hub, {
      MessageReceived: (message) => this.conversations.received(message),
      ConversationUpdated: (summary) => {
        this.changed(summary);
        this.conversations.retitle();
        if (summary.id === this.conversations.selectedId) {
          this.redirect.render();
        }
      },
      HandoffReceived: (card) => void this.handoffs.received(card),
      HandoffStatusChanged: (change) => this.handoffs.statusChanged(change),
      PresenceChanged: (agent) => {
        this.colleagues.changed(agent);
        this.reports.renderFilters();
      },
      VisitorPresenceChanged: (presence) => this.visitor.presenceChanged(presence),
      NoteAdded: (note) => this.notes.added(note),
      EmailStateChanged: (state) => this.email.changed(state),
      QueuedItemDelivered: (item) => void this.due.queued(item),
      TypingChanged: (state) => this.conversations.typingChanged(state),
      ReadUpTo: (mark) => this.conversations.readUpTo(mark),
      VisitorPageViewed: (visit) => this.visitor.pageViewed(visit),
      ConversationRated: (rating) => {
        this.visitor.rated(rating);
        this.ratings.rated(rating);
      },
      WebhookPaused: (webhook) => this.admin?.webhookPaused(webhook),
    });
    this.link = new HubLink(hub, {
      state: (state) => this.showState(state),
      connected: () => this.connected(),
      disconnected: () => this.conversations.disconnected(),
    });
  }

  start(): void {
    this.notifications.start();
    this.link.start();
  }

  /** Signed out: the next workspace takes over the same page. */
  async stop(): Promise<void> {
    this.composer.stop();
    this.uploads.stop();
    this.savedAnswers.stop();
    this.colleagues.stop();
    this.notes.stop();
    this.redirect.stop();
    this.actions.stop();
    this.deepLink.stop();
    this.ratings.stop();
    this.admin?.stop();
    this.reports.stop();
    this.notifications.stop();
    await this.link.stop();
    this.conversations.stop();
    this.inbox.stop();
  }

  /** The language changed: everything that carries text is drawn again; the redirect topics are read in it. */
  relabel(): void {
    this.conversations.relabel();
    this.showState(this.state);
    this.inbox.render();
    for (const panel of [this.handoffs, this.due, this.colleagues, this.visitor, this.company, this.notes, this.email, this.redirect, this.ratings]) {
      panel.render();
    }
    this.admin?.render();
    this.reports.render();
    void this.redirect.loadTopics();
  }

  private async connected(): Promise<void> {
    // A part that fails to load is loaded again on the next reconnect; live events keep coming meanwhile.
    await this.inbox.load().catch(() => undefined);
    this.conversations.retitle();
    await this.conversations.connected();
    await Promise.all(
      [this.handoffs.load(), this.due.load(), this.colleagues.load(), this.savedAnswers.load(), this.admin?.load() ?? Promise.resolve()].map((load) => load.catch(() => undefined)),
    );
    this.reports.renderFilters();
    void this.redirect.loadTopics();
    await this.showDetails(this.conversations.selectedId);
    await this.deepLink.connected();
  }

  private select(conversationId: string): void {
    this.deepLink.clear();
    this.ratings.opened(conversationId);
    this.conversations.select(conversationId);
    this.composer.selected(conversationId);
    void this.showDetails(conversationId);
  }

  /** The details beside the conversation on screen (hidden without one): each panel loads its part. */
  private async showDetails(conversationId: string | null): Promise<void> {
    this.details.hidden = conversationId === null;
    this.detailsError.clear();
    this.redirect.show(conversationId);
    this.actions.show(conversationId);
    await Promise.all([this.visitor.show(conversationId), this.handoffs.show(conversationId), this.notes.show(conversationId), this.company.show(conversationId), this.email.show(conversationId)]);
  }

  /** A conversation's line changed (live, or by this agent's transfer or close): the inbox and the conversation follow it. */
  /** A conversation's line changed; `byMe` when it is the answer to this agent's own transfer. */
  private changed(summary: ConversationSummary, byMe = false): void {
    this.inbox.update(summary);
    this.conversations.updated(summary, byMe);
  }

  /** A close counts the conversation's minutes: it leaves the inbox, shows closed, and the company's load is read again. */
  private async closed(closed: ClosedConversation): Promise<void> {
    this.changed(closed.conversation);
    await this.company.reload();
  }

  private showState(state: LinkState): void {
    this.state = state;
    this.connection.dataset.state = state;
    this.connection.textContent = this.context.texts()[state];
  }
}
