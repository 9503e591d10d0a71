// REST through the gateway, same origin. Every answer is the contract's envelope {success, code, msg, data, timestamp};
// anything but code 0 becomes an ApiError carrying the code, so callers branch on codes, not on HTTP statuses.

export class ApiError extends Error {
  constructor(status, code, msg) {
    super(msg || `error ${code}`);
    this.status = status;
    this.code = code;
  }
}

// The login is kept per tab (sessionStorage): two tabs can be two people, say a staff member and a test diner.
export class Auth {
  constructor(app) {
    this.key = `chat.${app}.login`;
    this.onExpired = () => {};
  }

  get login() {
    const text = sessionStorage.getItem(this.key);
    return text ? JSON.parse(text) : null;
  }

  get token() {
    return this.login?.token ?? null;
  }

  get user() {
    return this.login?.user ?? null;
  }

  save(login) {
    sessionStorage.setItem(this.key, JSON.stringify({ token: login.token, user: login.user }));
  }

  clear() {
    sessionStorage.removeItem(this.key);
  }

  async request(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new ApiError(0, 5003, e.message);
    }
    let envelope = null;
    try {
      envelope = await response.json();
    } catch {
      // not JSON: reported below with the HTTP status
    }
    if (!envelope || envelope.code !== 0) {
      const error = new ApiError(response.status, envelope?.code ?? 5000, envelope?.msg ?? response.statusText);
      if (error.code === 4002 && this.token) this.onExpired();
      throw error;
    }
    return envelope.data;
  }

  get(path) {
    return this.request('GET', path);
  }

  post(path, body = {}) {
    return this.request('POST', path, body);
  }

  put(path, body) {
    return this.request('PUT', path, body);
  }

  async signIn(mobile, verificationCode) {
    this.clear();
    const login = await this.post('/api/v2/auth/login', { mobile, verificationCode });
    this.save(login);
    return login.user;
  }

  sendCode(mobile) {
    return this.post('/api/v2/auth/send-code', { mobile });
  }
}
