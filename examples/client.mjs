// A minimal chat client for the mobile side, with nothing to install: Node's fetch and WebSocket.
// Node 22+: `node examples/client.mjs`; Node 20: `node --experimental-websocket examples/client.mjs`.
// It logs in, connects to /ws, sends a message with a tempMessageId, drops the connection, reconnects, sends the
// same message again (the server stores it once and answers with the first messageId) and asks `sync` for what
// followed the last message it has. Every step is one log line; the last line is `RESULT {...}`.
//
// Environment: CHAT_URL (default http://localhost:3000, the gateway), CHAT_MOBILE (default 13800000001, a demo
// user of ./run) and CHAT_CODE (default 123456, the development profile's fixed SMS code).

import { randomUUID } from 'node:crypto';

const baseUrl = (process.env.CHAT_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const mobile = process.env.CHAT_MOBILE ?? '13800000001';
const code = process.env.CHAT_CODE ?? '123456';
const ANSWER_TIMEOUT_MS = 30_000;

if (typeof WebSocket === 'undefined') {
  console.error('No WebSocket in this Node: use Node 22+, or Node 20 with --experimental-websocket');
  process.exit(2);
}

/** Every REST answer is the envelope {success, code, msg, data, timestamp}; anything but code 0 is an error. */
async function call(method, path, token, body) {
  const response = await fetch(baseUrl + path, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const envelope = await response.json();
  if (envelope.code !== 0) {
    throw new Error(`${method} ${path}: HTTP ${response.status}, code ${envelope.code}: ${envelope.msg}`);
  }
  return envelope.data;
}

/**
 * One WebSocket connection: frames in, frames out, and answers matched to the frame they answer by requestId.
 * A client would keep one of these and open a new one whenever it closes (close code 1012 or 1001 included).
 */
class Connection {
  constructor(token) {
    this.socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`);
    this.waiters = [];
    this.frames = [];
    this.opened = new Promise((resolve, reject) => {
      this.socket.addEventListener('open', resolve, { once: true });
      this.socket.addEventListener('error', () => reject(new Error('connection failed')), { once: true });
    });
    this.socket.addEventListener('message', (event) => this.#receive(JSON.parse(event.data)));
    this.socket.addEventListener('close', (event) => {
      clearInterval(this.heartbeat);
      console.log(`closed: ${event.code} ${event.reason}`);
    });
  }

  #receive(frame) {
    // Acknowledging a message is what makes it `delivered`; one not acknowledged comes again on reconnect.
    if (frame.type === 'new_message') {
      this.send('ack', { sessionId: frame.data.sessionId, sequence: frame.data.sequence });
    }
    if (frame.type === 'connection_established') {
      // A connection that sends nothing for heartbeatInterval (90 s) is closed by the server.
      this.heartbeat = setInterval(() => this.send('heartbeat', {}), frame.data.heartbeatInterval / 3);
      this.heartbeat.unref();
    }
    this.frames.push(frame);
    this.waiters = this.waiters.filter((waiter) => !waiter(frame));
  }

  send(type, data, requestId) {
    this.socket.send(JSON.stringify(requestId ? { type, data, requestId } : { type, data }));
  }

  /** The first frame (already received or still to come) that `matches`; fails after ANSWER_TIMEOUT_MS. */
  next(matches, what) {
    const seen = this.frames.find(matches);
    if (seen) {
      return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${ANSWER_TIMEOUT_MS} ms`)),
        ANSWER_TIMEOUT_MS);
      this.waiters.push((frame) => {
        if (!matches(frame)) {
          return false;
        }
        clearTimeout(timer);
        resolve(frame);
        return true;
      });
    });
  }

  /** Sends a frame and waits for the answer carrying its requestId (the answer or an `error`). */
  async ask(type, data) {
    const requestId = randomUUID();
    this.send(type, data, requestId);
    const answer = await this.next((frame) => frame.requestId === requestId, `answer to ${type}`);
    if (answer.type === 'error') {
      throw new Error(`${type}: error ${answer.data.code}: ${answer.data.msg}`);
    }
    return answer;
  }

  /** Resolves after the greeting: connection_established, then offline_messages (all its parts). */
  async greeted() {
    await this.opened;
    const established = await this.next((frame) => frame.type === 'connection_established', 'greeting');
    console.log(`connected to node ${established.data.nodeId} as user ${established.data.userId}`);
    const last = await this.next((frame) => frame.type === 'offline_messages'
      && (frame.data.part ?? 1) === (frame.data.parts ?? 1), 'offline_messages');
    const missed = this.frames.filter((frame) => frame.type === 'offline_messages')
      .flatMap((frame) => frame.data.messages);
    console.log(`offline_messages: ${missed.length} missed${last.data.hasMore ? ', more in history' : ''}`);
    return missed;
  }

  close() {
    this.socket.close(1000, 'bye');
  }
}

/** Connects, retrying with a growing pause: a node that is full or shutting down refuses with 503. */
async function connect(token) {
  for (let attempt = 1; ; attempt++) {
    const connection = new Connection(token);
    try {
      await connection.greeted();
      return connection;
    } catch (failure) {
      connection.close();
      if (attempt === 5) {
        throw failure;
      }
      console.log(`connecting failed (${failure.message}); retrying`);
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
    }
  }
}

const login = await call('POST', '/api/v2/auth/login', null, { mobile, verificationCode: code });
console.log(`logged in as ${login.user.nickname} (userId ${login.user.userId})`);

let connection = await connect(login.token);
// The client's own id for the message: sending it again (after a lost answer, a reconnect) stores nothing new.
const tempMessageId = randomUUID();
const message = { content: `hello from client.mjs ${new Date().toISOString()}`, messageType: 'text', tempMessageId };
const sent = await connection.ask('send_message', message);
console.log(`message_sent: ${sent.data.messageId} in ${sent.data.sessionId}, sequence ${sent.data.sequence}`);

// The connection drops; the client reconnects and catches up.
connection.close();
connection = await connect(login.token);
const resent = await connection.ask('send_message', { ...message, sessionId: sent.data.sessionId });
console.log(`sent again with the same tempMessageId: ${resent.data.messageId}`);
const synced = await connection.ask('sync', { sessionId: sent.data.sessionId, afterMessageId: sent.data.messageId });
console.log(`sync_messages: ${synced.data.messages.length} after ${sent.data.messageId}, hasMore ${synced.data.hasMore}`);
connection.close();

console.log(`RESULT ${JSON.stringify({
  sessionId: sent.data.sessionId,
  messageId: sent.data.messageId,
  resentMessageId: resent.data.messageId,
  syncedAfter: synced.data.messages.length,
})}`);
