// The diner's page, standing in for the mobile client: log in, open or resume the session, chat, rate after close.
// Speaks only the public contract: /api/v2/chat/** and /ws (v2 dialect) as a user connection.

import { Auth, ApiError } from '/console/lib/api.js';
import { ChatSocket } from '/console/lib/socket.js';
import { Conversation } from '/console/lib/conversation.js';
import { wireLogin } from '/console/lib/login.js';
import { $, h, show, toast } from '/console/lib/dom.js';
import { t, translatePage, toggleLanguage, onLanguageChange } from '/console/lib/i18n.js';

const CHAT = '/api/v2/chat';

const auth = new Auth('diner');
// type=user: an account that is staff too (the seeds' 13612227930) chats here as the diner it also is
const socket = new ChatSocket(() => auth.token, { query: '&type=user' });
const state = { session: null, score: 0 };

const conversation = new Conversation({
  auth, socket, side: 'user',
  historyPath: (id) => `${CHAT}/sessions/${encodeURIComponent(id)}/messages`,
  pane: $('#messages-pane'), list: $('#messages'), earlier: $('#load-earlier'), typing: $('#typing'),
  composer: $('#composer'), input: $('#composer-input'),
});

function showLogin() {
  show($('#chat-view'), false);
  show($('#login-view'), true);
}

function logout() {
  socket.stop();
  conversation.close();
  auth.clear();
  state.session = null;
  showLogin();
}

wireLogin({ auth, socket, onSignedIn: () => start(), onSignedOut: logout });

for (const button of document.querySelectorAll('.lang-toggle')) button.addEventListener('click', toggleLanguage);
onLanguageChange(() => {
  renderSession();
  renderStars();
  conversation.render();
});

async function start() {
  show($('#login-view'), false);
  show($('#chat-view'), true);
  socket.start();
  await openSession();
}

// The caller's open session, created if none (the call is idempotent): resumes a chat after a reload.
async function openSession() {
  try {
    state.session = await auth.post(`${CHAT}/sessions`);
    state.score = 0;
    renderSession();
    await conversation.open(state.session.sessionId, { empty: !state.session.messageCount });
  } catch (e) {
    toast(e.message);
  }
}

function renderSession() {
  const s = state.session;
  if (!s) return;
  const closed = s.status === 'closed';
  $('#chat-view').dataset.sessionId = s.sessionId;
  const line = $('#session-state');
  line.dataset.status = s.status;
  line.textContent = closed ? t('diner.closed')
      : s.status === 'waiting' ? t('diner.waiting')
      : t('diner.with', s.adminName ?? t('staff'));
  show($('#composer'), !closed);
  show($('#end-chat'), !closed);
  show($('#rating'), closed && !s.rated);
  show($('#rated'), closed && Boolean(s.rated));
}

const isOpen = (data) => data && state.session && data.sessionId === state.session.sessionId;

socket.on('state', (value) => {
  document.body.dataset.socket = value;
  show($('#offline-banner'), value !== 'online' && socket.connectedOnce);
});
socket.on('reconnected', () => conversation.resume());
socket.on('offline_messages', (data) => {
  for (const message of data.messages ?? []) if (isOpen(message)) conversation.onNewMessage(message);
});
socket.on('new_message', (data) => { if (isOpen(data)) conversation.onNewMessage(data); });
socket.on('message_sent', (data) => { if (isOpen(data)) conversation.onMessageSent(data); });
socket.on('messages_read', (data) => { if (isOpen(data)) conversation.onMessagesRead(data); });
socket.on('user_typing', (data) => { if (isOpen(data)) conversation.onTyping(data); });
socket.on('sync_messages', (data) => { if (isOpen(data)) conversation.onSyncMessages(data); });
socket.on('error', (data) => conversation.onError(data));
socket.on('session_status', (data) => {
  if (!isOpen(data)) return;
  state.session.status = data.status;
  state.session.adminName = data.adminInfo?.name ?? state.session.adminName;
  renderSession();
});


$('#end-chat').addEventListener('click', async () => {
  try {
    state.session = { ...state.session, ...await auth.post(`${CHAT}/sessions/${state.session.sessionId}/close`) };
    renderSession();
  } catch (e) {
    toast(e.message);
  }
});

// --- rating ---

function renderStars() {
  $('#stars').replaceChildren(...[1, 2, 3, 4, 5].map((score) => h('button', {
    type: 'button', class: `star${score <= state.score ? ' on' : ''}`, dataset: { score }, 'aria-label': String(score),
    onclick: () => { state.score = score; $('#rating-submit').disabled = false; renderStars(); },
  }, '★')));
}

$('#rating').addEventListener('submit', async (event) => {
  event.preventDefault();
  const comment = $('#rating-comment').value.trim();
  try {
    await auth.post(`${CHAT}/sessions/${state.session.sessionId}/rating`,
        { score: state.score, ...(comment ? { comment } : {}) });
    state.session.rated = true;
    renderSession();
  } catch (e) {
    if (e instanceof ApiError && e.code === 4009) state.session.rated = true;
    toast(e.message);
    renderSession();
  }
});

$('#new-chat').addEventListener('click', () => {
  $('#rating-comment').value = '';
  $('#rating-submit').disabled = true;
  openSession();
});

translatePage();
renderStars();
if (auth.token) start();
else showLogin();
