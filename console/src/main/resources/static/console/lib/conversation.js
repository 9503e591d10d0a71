// One conversation as either side sees it: history paged backwards, live messages, sends that stay pending until
// `message_sent`, retries under the same tempMessageId (stored once by the server), typing both ways and read
// receipts. The console and the diner page share it; `side` is 'admin' or 'user', the side this page writes as.

import { h, formatTime, toast } from './dom.js';
import { t } from './i18n.js';

const PAGE_SIZE = 20;
const SEND_TIMEOUT_MS = 15000;
const TYPING_IDLE_MS = 3000;
const TYPING_SHOWN_MS = 6000;
const STATUS_RANK = { sent: 1, delivered: 2, read: 3 };

let tempCounter = 0;
function newTempId() {
  const random = crypto.getRandomValues(new Uint32Array(1))[0].toString(16);
  return `temp_${Date.now()}_${random}_${++tempCounter}`;
}

export class Conversation {
  constructor({ auth, socket, side, historyPath, pane, list, earlier, typing, composer, input,
                onActivity = () => {} }) {
    Object.assign(this, { auth, socket, side, historyPath, pane, list, earlier, typing, onActivity });
    this.sessionId = null;
    this.messages = new Map(); // messageId → message
    this.pending = new Map(); // tempMessageId → {content, failed, error, timer, createdAt}
    this.hasEarlier = false;
    earlier.addEventListener('click', () => this.loadEarlier());
    wireComposer(composer, input, this);
    document.addEventListener('visibilitychange', () => this.received());
  }

  get other() {
    return this.side === 'admin' ? 'user' : 'admin';
  }

  // `empty`: the session is known to have no message yet, so history is not asked for; message-service learns of
  // a new session from an event, and until then would answer 4004 (the browser logs that as an error).
  async open(sessionId, { empty = false } = {}) {
    this.close();
    this.sessionId = sessionId;
    this.render();
    if (empty) return;
    const page = await this.auth.get(`${this.historyPath(sessionId)}?page=1&pageSize=${PAGE_SIZE}`);
    if (this.sessionId !== sessionId) return;
    for (const message of page.messages) this.store(message);
    this.hasEarlier = page.pagination?.hasMore ?? false;
    this.render();
    this.scrollToEnd();
    this.received();
  }

  close() {
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.stopTyping();
    this.sessionId = null;
    this.messages.clear();
    this.pending.clear();
    this.hasEarlier = false;
    this.typing.hidden = true;
  }

  async loadEarlier() {
    const oldest = this.ordered().find((m) => m.messageId);
    if (!oldest) return;
    const sessionId = this.sessionId;
    const page = await this.auth.get(
        `${this.historyPath(sessionId)}?before=${encodeURIComponent(oldest.messageId)}&pageSize=${PAGE_SIZE}`);
    if (this.sessionId !== sessionId) return;
    const height = this.pane.scrollHeight;
    for (const message of page.messages) this.store(message);
    this.hasEarlier = page.pagination?.hasMore ?? false;
    this.render();
    this.pane.scrollTop += this.pane.scrollHeight - height;
  }

  // --- frames routed here by the page (only those of this session) ---

  onNewMessage(data) {
    const mine = data.senderType === this.side;
    if (mine && data.tempMessageId) this.confirm(data.tempMessageId, data);
    this.store(data);
    if (!mine) this.typing.hidden = true;
    this.render();
    this.scrollToEnd();
    if (!mine) this.received();
  }

  onMessageSent(data) {
    this.confirm(data.tempMessageId, data);
    this.render();
  }

  onMessagesRead(data) {
    if (data.readerType !== this.other) return;
    const ids = Array.isArray(data.messageIds) && data.messageIds.length > 0 ? new Set(data.messageIds) : null;
    for (const message of this.messages.values()) {
      if (message.senderType === this.side && (!ids || ids.has(message.messageId))) message.status = 'read';
    }
    this.render();
  }

  onTyping(data) {
    if (data.senderType !== this.other) return;
    this.typing.hidden = !data.typing;
    clearTimeout(this.typingShownTimer);
    // a lost typing_stop must not leave the indicator up for ever
    if (data.typing) this.typingShownTimer = setTimeout(() => { this.typing.hidden = true; }, TYPING_SHOWN_MS);
  }

  onSyncMessages(data) {
    for (const message of data.messages) this.store(message);
    this.render();
    this.scrollToEnd();
    if (data.hasMore && data.messages.length > 0) this.sync();
    else this.received();
  }

  onError(data) {
    const entry = data.tempMessageId && this.pending.get(data.tempMessageId);
    if (entry) {
      this.fail(data.tempMessageId, data.msg);
    } else {
      toast(`${data.code}: ${data.msg}`);
    }
  }

  // After a reconnect: resend what was never acknowledged, then ask for what came meanwhile.
  resume() {
    if (!this.sessionId) return;
    for (const [tempMessageId, entry] of this.pending) {
      if (!entry.failed) this.transmit(tempMessageId);
    }
    this.sync();
  }

  sync() {
    const last = this.ordered().filter((m) => m.messageId).at(-1);
    this.socket.send('sync', { sessionId: this.sessionId, ...(last ? { afterMessageId: last.messageId } : {}) });
  }

  // --- writing ---

  send(content) {
    const text = content.trim();
    if (!text || !this.sessionId) return;
    const tempMessageId = newTempId();
    this.pending.set(tempMessageId, { content: text, failed: false, createdAt: new Date().toISOString() });
    this.stopTyping();
    this.transmit(tempMessageId);
    this.render();
    this.scrollToEnd();
  }

  retry(tempMessageId) {
    const entry = this.pending.get(tempMessageId);
    if (!entry) return;
    entry.failed = false;
    entry.error = null;
    this.transmit(tempMessageId);
    this.render();
  }

  transmit(tempMessageId) {
    const entry = this.pending.get(tempMessageId);
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => this.fail(tempMessageId, t('failed')), SEND_TIMEOUT_MS);
    // While offline the message stays pending; resume() sends it once the socket is back.
    this.socket.send('send_message',
        { sessionId: this.sessionId, content: entry.content, messageType: 'text', tempMessageId });
  }

  fail(tempMessageId, error) {
    const entry = this.pending.get(tempMessageId);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.failed = true;
    entry.error = error;
    this.render();
  }

  confirm(tempMessageId, data) {
    const entry = this.pending.get(tempMessageId);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(tempMessageId);
    this.store({
      messageId: data.messageId, sessionId: this.sessionId, sequence: data.sequence, senderType: this.side,
      content: entry.content, messageType: 'text', status: data.status ?? 'sent', createdAt: data.createdAt,
    });
    this.onActivity();
  }

  typed() {
    if (!this.sessionId) return;
    if (!this.typingSent) {
      this.typingSent = this.socket.send('typing_start', { sessionId: this.sessionId });
    }
    clearTimeout(this.typingIdleTimer);
    this.typingIdleTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  stopTyping() {
    clearTimeout(this.typingIdleTimer);
    if (this.typingSent && this.sessionId) this.socket.send('typing_stop', { sessionId: this.sessionId });
    this.typingSent = false;
  }

  // --- state ---

  store(message) {
    if (message.sessionId && message.sessionId !== this.sessionId) return;
    const known = this.messages.get(message.messageId);
    if (known) {
      // statuses only move forward; a late copy must not turn ✓✓ back into ✓
      if ((STATUS_RANK[message.status] ?? 0) > (STATUS_RANK[known.status] ?? 0)) known.status = message.status;
      known.sequence ??= message.sequence;
      return;
    }
    this.messages.set(message.messageId, { ...message });
  }

  ordered() {
    return [...this.messages.values()].sort((a, b) =>
        (a.sequence ?? Infinity) - (b.sequence ?? Infinity) || String(a.createdAt).localeCompare(String(b.createdAt)));
  }

  // The other side's messages are acknowledged (delivered) and, while the page is visible, read.
  received() {
    if (!this.sessionId) return;
    const theirs = this.ordered().filter((m) => m.senderType === this.other);
    const highest = Math.max(0, ...theirs.map((m) => m.sequence ?? 0));
    if (highest > 0) this.socket.send('ack', { sessionId: this.sessionId, sequence: highest });
    const unread = theirs.filter((m) => m.status !== 'read');
    if (unread.length > 0 && document.visibilityState === 'visible'
        && this.socket.send('mark_read', { sessionId: this.sessionId, allMessages: true })) {
      for (const message of unread) message.status = 'read';
      this.onActivity();
    }
  }

  scrollToEnd() {
    this.pane.scrollTop = this.pane.scrollHeight;
  }

  render() {
    this.earlier.hidden = !this.hasEarlier;
    const items = this.ordered().map((m) => this.renderMessage(m));
    for (const [tempMessageId, entry] of this.pending) items.push(this.renderPending(tempMessageId, entry));
    this.list.replaceChildren(...items);
  }

  renderMessage(message) {
    const mine = message.senderType === this.side;
    return h('div', { class: `msg ${mine ? 'mine' : 'theirs'}`, dataset: { messageId: message.messageId } },
        h('div', { class: 'bubble' }, message.content),
        h('div', { class: 'meta' },
            !mine && message.sender?.nickname ? `${message.sender.nickname} · ` : '',
            formatTime(message.createdAt),
            mine ? ticks(message.status) : null));
  }

  renderPending(tempMessageId, entry) {
    return h('div', { class: `msg mine ${entry.failed ? 'failed' : 'pending'}`, dataset: { tempMessageId } },
        h('div', { class: 'bubble' }, entry.content),
        h('div', { class: 'meta' },
            entry.failed
                ? [h('span', { class: 'error' }, entry.error || t('failed')), ' ',
                   h('button', { class: 'link retry', type: 'button', onclick: () => this.retry(tempMessageId) },
                       t('retry'))]
                : h('span', { class: 'ticks', dataset: { status: 'pending' }, title: t('pending') }, '🕓')));
  }
}

// Enter sends, Shift+Enter breaks the line; an IME still composing keeps its Enter.
function wireComposer(composer, input, conversation) {
  input.addEventListener('input', () => conversation.typed());
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    conversation.send(input.value);
    input.value = '';
  });
}

function ticks(status) {
  const mark = status === 'read' ? '✓✓' : '✓';
  return h('span', { class: `ticks ${status}`, dataset: { status }, title: t(`tick.${status}`) ?? status }, ` ${mark}`);
}
