// The /ws v2 dialect: {type, data} out, {type, data, timestamp, messageId} in. Reconnects by itself (a node
// restarting closes with 1012; any other drop too) and tells the page when it is back, so the page can `sync` what it
// missed and resend what was never acknowledged.

const HEARTBEAT_MS = 30000; // well inside the server's 90 s idle timeout
const MAX_BACKOFF_MS = 10000;

export class ChatSocket {
  constructor(tokenSupplier, { query = '' } = {}) {
    this.tokenSupplier = tokenSupplier;
    this.query = query;
    this.handlers = new Map();
    this.state = 'offline';
    this.attempt = 0;
    this.connectedOnce = false;
    this.stopped = true;
  }

  on(type, handler) {
    if (!this.handlers.has(type)) this.handlers.set(type, []);
    this.handlers.get(type).push(handler);
    return this;
  }

  emit(type, data, frame) {
    for (const handler of this.handlers.get(type) ?? []) handler(data, frame);
  }

  start() {
    this.stopped = false;
    this.open();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeatTimer);
    if (this.ws) this.ws.close(1000);
    this.ws = null;
    this.setState('offline');
  }

  get online() {
    return this.state === 'online';
  }

  send(type, data) {
    if (!this.online) return false;
    this.ws.send(JSON.stringify({ type, data }));
    return true;
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.emit('state', state);
  }

  open() {
    const token = this.tokenSupplier();
    if (!token) return;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}${this.query}`);
    this.ws = ws;
    this.setState('connecting');
    ws.onmessage = (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame.type === 'connection_established') {
        const reconnected = this.connectedOnce;
        this.connectedOnce = true;
        this.attempt = 0;
        this.setState('online');
        clearInterval(this.heartbeatTimer);
        this.heartbeatTimer = setInterval(() => this.send('heartbeat', {}), HEARTBEAT_MS);
        this.emit(frame.type, frame.data, frame);
        if (reconnected) this.emit('reconnected', frame.data, frame);
        return;
      }
      this.emit(frame.type, frame.data, frame);
    };
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      clearInterval(this.heartbeatTimer);
      this.ws = null;
      this.setState('offline');
      if (this.stopped) return;
      if (event.code === 4002) {
        // the token expired: only a new login helps
        this.emit('expired', {});
        return;
      }
      // 1012 is a node restarting: come back at once (the gateway picks another node); otherwise back off.
      const delay = event.code === 1012 && this.attempt === 0
          ? 200
          : Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt) * (0.5 + Math.random() / 2);
      this.attempt++;
      this.retryTimer = setTimeout(() => this.open(), delay);
    };
  }
}
