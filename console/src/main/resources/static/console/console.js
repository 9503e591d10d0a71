// The staff console: session list, one conversation, today's stats and the last 30 days, the admin's own status.
// Speaks only the public contract: /api/v2/admin/chat/** and /ws (v2 dialect).

import { Auth, ApiError } from './lib/api.js';
import { ChatSocket } from './lib/socket.js';
import { Conversation } from './lib/conversation.js';
import { wireLogin } from './lib/login.js';
import { $, h, show, formatTime, toast } from './lib/dom.js';
import { t, translatePage, toggleLanguage, onLanguageChange } from './lib/i18n.js';

const ADMIN = '/api/v2/admin/chat';
const FILTERS = ['all', 'pending', 'waiting', 'active', 'closed'];
const PAGE_SIZE = 10;
const STATS_REFRESH_MS = 10000;
const SVG = 'http://www.w3.org/2000/svg';

const auth = new Auth('console');
const socket = new ChatSocket(() => auth.token);
const state = { filter: 'all', page: 1, totalPages: 1, sessions: [], selected: null, admins: [], today: null };

const conversation = new Conversation({
  auth, socket, side: 'admin',
  historyPath: (id) => `${ADMIN}/sessions/${encodeURIComponent(id)}/messages`,
  pane: $('#messages-pane'), list: $('#messages'), earlier: $('#load-earlier'), typing: $('#typing'),
  composer: $('#composer'), input: $('#composer-input'),
  onActivity: () => scheduleListRefresh(),
});

// --- login ---

function showLogin() {
  show($('#app-view'), false);
  show($('#login-view'), true);
}

function logout() {
  socket.stop();
  conversation.close();
  clearInterval(state.statsTimer);
  auth.clear();
  state.selected = null;
  showLogin();
}

wireLogin({
  auth, socket,
  accept: (user) => {
    if (!user.isAdmin) {
      auth.clear();
      throw new ApiError(403, 4003, t('login.notAdmin'));
    }
  },
  onSignedIn: () => startApp(),
  onSignedOut: logout,
});

for (const button of document.querySelectorAll('.lang-toggle')) button.addEventListener('click', toggleLanguage);
onLanguageChange(() => {
  renderFilters();
  renderSessions();
  renderStats();
  renderHeader();
  conversation.render();
});

// --- the app ---

function startApp() {
  show($('#login-view'), false);
  show($('#app-view'), true);
  $('#me').textContent = auth.user.nickname || auth.user.mobile;
  socket.start();
  renderFilters();
  loadSessions();
  loadStats();
  loadAdmins();
  clearInterval(state.statsTimer);
  state.statsTimer = setInterval(loadStats, STATS_REFRESH_MS);
}

socket.on('state', (value) => {
  document.body.dataset.socket = value;
  show($('#offline-banner'), value !== 'online' && socket.connectedOnce);
});
// which node serves this console, and how often it came back: shown to nobody, read by the browser test
socket.on('connection_established', (data) => { document.body.dataset.node = data.nodeId; });
socket.on('reconnected', () => {
  document.body.dataset.reconnects = String(Number(document.body.dataset.reconnects ?? 0) + 1);
  conversation.resume();
  scheduleListRefresh();
  loadAdmins();
});

const isOpen = (data) => data && state.selected && data.sessionId === state.selected.sessionId;

socket.on('offline_messages', (data) => {
  for (const message of data.messages ?? []) if (isOpen(message)) conversation.onNewMessage(message);
  scheduleListRefresh();
});
socket.on('new_message', (data) => {
  if (isOpen(data)) conversation.onNewMessage(data);
  const item = state.sessions.find((s) => s.sessionId === data.sessionId);
  if (item) {
    item.lastMessage = { content: data.content, messageType: data.messageType, senderId: data.senderId,
      senderType: data.senderType, createdAt: data.createdAt };
    item.lastMessageTime = data.createdAt;
    item.messageCount = (item.messageCount ?? 0) + 1;
    if (data.senderType === 'user' && !isOpen(data)) item.unreadCount = (item.unreadCount ?? 0) + 1;
    renderSessions();
  }
  scheduleListRefresh();
});
socket.on('new_session', () => scheduleListRefresh());
socket.on('session_status', (data) => {
  if (isOpen(data)) {
    state.selected.status = data.status;
    state.selected.adminId = data.adminInfo?.adminId ?? null;
    renderHeader();
    if (!$('#oplog').hidden) loadOperationLog();
  }
  scheduleListRefresh();
  loadStats();
});
socket.on('message_sent', (data) => { if (isOpen(data)) conversation.onMessageSent(data); });
socket.on('messages_read', (data) => { if (isOpen(data)) conversation.onMessagesRead(data); });
socket.on('user_typing', (data) => { if (isOpen(data)) conversation.onTyping(data); });
socket.on('sync_messages', (data) => { if (isOpen(data)) conversation.onSyncMessages(data); });
socket.on('error', (data) => conversation.onError(data));

// --- session list ---

function renderFilters() {
  $('#filters').replaceChildren(...FILTERS.map((filter) => h('button', {
    type: 'button', class: `tab${filter === state.filter ? ' active' : ''}`, dataset: { filter },
    onclick: () => { state.filter = filter; state.page = 1; renderFilters(); loadSessions(); },
  }, t(`filter.${filter}`))));
}

let listTimer;
function scheduleListRefresh() {
  clearTimeout(listTimer);
  listTimer = setTimeout(loadSessions, 400);
}

async function loadSessions() {
  try {
    const data = await auth.get(`${ADMIN}/sessions?status=${state.filter}&page=${state.page}&pageSize=${PAGE_SIZE}`);
    state.sessions = data.sessions;
    state.totalPages = Math.max(1, data.pagination?.totalPages ?? 1);
    const selected = state.selected && data.sessions.find((s) => s.sessionId === state.selected.sessionId);
    if (selected) {
      Object.assign(state.selected, selected);
      renderHeader();
    }
    renderSessions();
  } catch (e) {
    toast(e.message);
  }
}

function renderSessions() {
  const items = state.sessions.map((s) => {
    const open = state.selected?.sessionId === s.sessionId;
    const unread = open ? 0 : s.unreadCount;
    return h('li', {
      class: `session-item${open ? ' selected' : ''}`, dataset: { sessionId: s.sessionId, status: s.status },
      onclick: () => openSession(s),
    },
    h('span', { class: `dot${s.isOnline ? ' online' : ''}`, title: s.isOnline ? t('admin.online') : t('admin.offline') }),
    h('div', { class: 'item-main' },
        h('div', { class: 'item-top' },
            h('strong', { class: 'name' }, s.userInfo?.nickname || s.userInfo?.mobile || `#${s.userId}`),
            h('span', { class: `badge ${s.status}` }, t(`status.${s.status}`)),
            h('span', { class: 'time' }, formatTime(s.lastMessageTime || s.createdAt))),
        h('div', { class: 'item-bottom' },
            h('span', { class: 'last' }, s.lastMessage?.content ?? ''),
            unread > 0 ? h('span', { class: 'unread' }, unread > 99 ? '99+' : unread) : null)));
  });
  $('#session-list').replaceChildren(...(items.length ? items : [h('li', { class: 'empty' }, t('empty.sessions'))]));
  $('#page-info').textContent = t('page', state.page, state.totalPages);
  $('#page-prev').disabled = state.page <= 1;
  $('#page-next').disabled = state.page >= state.totalPages;
}

$('#page-prev').addEventListener('click', () => { state.page--; loadSessions(); });
$('#page-next').addEventListener('click', () => { state.page++; loadSessions(); });

// --- one conversation ---

async function openSession(item) {
  state.selected = { ...item };
  show($('#no-conversation'), false);
  show($('#conversation'), true);
  document.body.classList.add('show-conversation');
  renderHeader();
  renderSessions();
  if (!$('#oplog').hidden) loadOperationLog();
  try {
    await conversation.open(item.sessionId, { empty: !item.messageCount && !item.lastMessage });
  } catch (e) {
    toast(e.message);
  }
}

$('#back').addEventListener('click', () => document.body.classList.remove('show-conversation'));

function renderHeader() {
  const s = state.selected;
  if (!s) return;
  const me = auth.user.userId;
  $('#conv-user').textContent = s.userInfo?.nickname || s.userInfo?.mobile || `#${s.userId}`;
  $('#conv-dot').className = `dot${s.isOnline ? ' online' : ''}`;
  const badge = $('#conv-status');
  badge.textContent = t(`status.${s.status}`);
  badge.className = `badge ${s.status}`;
  badge.dataset.status = s.status;
  show($('#claim'), s.status === 'waiting');
  show($('#close-session'), s.status !== 'closed' && (s.adminId === me || s.status === 'waiting'));
  const mine = s.adminId === me && (s.status === 'assigned' || s.status === 'active');
  show($('#transfer'), mine);
  if (mine) renderTransferOptions();
  const closed = s.status === 'closed';
  $('#composer-input').disabled = closed;
  $('#send').disabled = closed;
}

function renderTransferOptions() {
  const me = auth.user.userId;
  const targets = state.admins.filter((a) => a.adminId !== me && a.status !== 'offline');
  $('#transfer').replaceChildren(
      h('option', { value: '' }, targets.length ? t('transfer.to') : t('transfer.none')),
      ...targets.map((a) => h('option', { value: a.adminId },
          `${a.nickname || a.adminId} (${t(`admin.${a.status}`)}, ${a.currentSessions}/${a.maxSessions})`)));
}

async function act(path, body) {
  const id = state.selected.sessionId;
  try {
    const item = await auth.post(`${ADMIN}/sessions/${encodeURIComponent(id)}/${path}`, body);
    if (state.selected?.sessionId === id) {
      Object.assign(state.selected, item);
      renderHeader();
      if (!$('#oplog').hidden) loadOperationLog();
    }
    scheduleListRefresh();
    loadStats();
  } catch (e) {
    toast(e.message);
  }
}

$('#claim').addEventListener('click', () => act('claim'));
$('#close-session').addEventListener('click', () => act('close'));
$('#transfer').addEventListener('focus', loadAdmins);
$('#transfer').addEventListener('change', (event) => {
  const toAdminId = Number(event.target.value);
  if (toAdminId) act('transfer', { toAdminId });
});

$('#oplog-toggle').addEventListener('click', () => {
  const log = $('#oplog');
  log.hidden = !log.hidden;
  if (!log.hidden) loadOperationLog();
});

async function loadOperationLog() {
  const id = state.selected?.sessionId;
  if (!id) return;
  try {
    const data = await auth.get(`${ADMIN}/operation-logs?sessionId=${encodeURIComponent(id)}&pageSize=20`);
    if (state.selected?.sessionId !== id) return;
    const names = new Map(state.admins.map((a) => [a.adminId, a.nickname]));
    const who = (adminId) => names.get(adminId) ?? (adminId == null ? '' : `#${adminId}`);
    $('#oplog').replaceChildren(...(data.logs.length === 0
        ? [h('li', { class: 'empty' }, t('oplog.empty'))]
        : data.logs.map((log) => h('li', { dataset: { action: log.action } },
            h('span', { class: 'time' }, formatTime(log.createdAt)), ' ',
            log.operatorType === 'system' ? 'system' : who(log.operatorId), ' ',
            h('strong', {}, t(`oplog.${log.action}`)),
            log.toAdminId != null && log.action === 'transfer' ? ` → ${who(log.toAdminId)}` : '',
            log.fromStatus && log.toStatus && log.fromStatus !== log.toStatus
                ? ` (${t(`status.${log.fromStatus}`)} → ${t(`status.${log.toStatus}`)})` : ''))));
  } catch (e) {
    toast(e.message);
  }
}


// --- admins and my status ---

async function loadAdmins() {
  try {
    const data = await auth.get(`${ADMIN}/admins`);
    state.admins = data.admins;
    const me = data.admins.find((a) => a.adminId === auth.user.userId);
    if (me && me.status !== 'offline') $('#my-status').value = me.status;
    if (state.selected) renderHeader();
  } catch (e) {
    toast(e.message);
  }
}

$('#my-status').addEventListener('change', async (event) => {
  try {
    await auth.put(`${ADMIN}/admins/me/status`, { status: event.target.value });
    event.target.dataset.saved = event.target.value;
  } catch (e) {
    toast(e.message);
  }
});

// --- stats ---

const FIGURES = ['totalSessions', 'completedSessions', 'activeSessions', 'waitingSessions', 'todayMessages',
  'avgResponseTime', 'customerSatisfaction', 'responseRate'];

$('#stats-scope').addEventListener('change', () => { state.dailyLoadedFor = null; loadStats(); });

async function loadStats() {
  if (!auth.token) return;
  const scope = $('#stats-scope').value;
  try {
    const today = await auth.get(`${ADMIN}/stats/today?scope=${scope}`);
    if ($('#stats-scope').value !== scope) return; // a slower answer for the scope before
    state.today = today;
    renderStats();
    // the 30 days move only with today's figures: ask once per scope and day, and again when today's change
    const key = `${scope}|${state.today.date}|${JSON.stringify(state.today.stats)}`;
    if (state.dailyLoadedFor !== key) {
      state.dailyLoadedFor = key;
      const to = state.today.date;
      const from = new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86400000).toISOString().slice(0, 10);
      const daily = await auth.get(`${ADMIN}/stats/daily?from=${from}&to=${to}&scope=${scope}`);
      if ($('#stats-scope').value !== scope) return;
      state.days = daily.days;
      renderChart();
    }
  } catch (e) {
    toast(e.message);
  }
}

function figure(key, stats) {
  const value = stats[key];
  if (value === null || value === undefined) return '—';
  if (key === 'responseRate') return `${value}%`;
  if (key === 'customerSatisfaction') return Number(value).toFixed(1);
  if (key === 'avgResponseTime' && stats.avgResponseTimeSeconds == null) return '—';
  return String(value);
}

function renderStats() {
  const stats = state.today?.stats;
  if (!stats) return;
  $('#stats-figures').dataset.scope = state.today.scope;
  $('#stats-figures').replaceChildren(...FIGURES.map((key) => h('div', { class: 'figure' },
      h('dt', {}, t(`stats.${key}`)), h('dd', { dataset: { stat: key } }, figure(key, stats)))));
  renderChart();
}

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.append(...children);
  return el;
}

// Bars: sessions per day; line: messages per day, each on its own scale (the legend says which is which).
function renderChart() {
  const days = state.days ?? [];
  if (days.length === 0) return;
  const width = 300, height = 90, top = 6, bottom = 14;
  const step = width / days.length;
  const sessions = days.map((d) => d.stats.totalSessions ?? 0);
  const messages = days.map((d) => d.stats.todayMessages ?? 0);
  const maxSessions = Math.max(1, ...sessions);
  const maxMessages = Math.max(1, ...messages);
  const y = (value, max) => top + (height - top - bottom) * (1 - value / max);
  const bars = days.map((d, i) => svg('rect', {
    x: (i * step + step * 0.15).toFixed(1), y: y(sessions[i], maxSessions).toFixed(1),
    width: (step * 0.7).toFixed(1), height: (height - bottom - y(sessions[i], maxSessions)).toFixed(1),
    class: 'bar',
  }, svg('title', {}, `${d.date}: ${sessions[i]} ${t('chart.sessions')}, ${messages[i]} ${t('chart.messages')}`)));
  const line = svg('polyline', {
    class: 'line', fill: 'none',
    points: messages.map((m, i) => `${(i * step + step / 2).toFixed(1)},${y(m, maxMessages).toFixed(1)}`).join(' '),
  });
  const label = (x, anchor, text) => svg('text', { x, y: height - 2, 'text-anchor': anchor, class: 'axis' }, text);
  $('#chart').replaceChildren(
      svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': t('chart.title') },
          ...bars, line, label(0, 'start', days[0].date.slice(5)), label(width, 'end', days.at(-1).date.slice(5))),
      h('div', { class: 'legend' },
          h('span', { class: 'key bar' }), `${t('chart.sessions')} (max ${maxSessions})  `,
          h('span', { class: 'key line' }), `${t('chart.messages')} (max ${maxMessages})`));
}

// --- start ---

translatePage();
if (auth.token) startApp();
else showLogin();
