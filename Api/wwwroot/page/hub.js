// The one SignalR client of the pages: the JSON hub protocol over a WebSocket (no negotiation, so any copy of the
// Api behind the load balancer can take the connection), with pings, a dead-connection check and reconnection.
// Written by hand rather than the @microsoft/signalr bundle: the pages have no build step and the
// boards and screens must start fast on old ward PCs; this is the whole of what they use.
//
//   const hub = new Hub('/hubs/queues', { join, events: { queueEvent: onEvent }, onState });
//   hub.start();
//
// join(hub) runs after every (re)connect and may invoke methods to subscribe and read a fresh snapshot: after a
// reconnect the page redraws from it and never shows stale data as current. onState gets 'online', 'offline'
// (reconnecting; the page hides what may be stale) or 'denied' (the server refused the join; no more retries).

const separator = '\u001e';
const message = { invocation: 1, completion: 3, ping: 6, close: 7 };
const pingInterval = 15000;
const serverTimeout = 35000; // the server pings every 15 s: silence this long means the connection is dead

/** A hub method's error. refused: the hub said no (a HubException); otherwise a failure worth retrying. */
export class HubError extends Error {
  constructor(text, refused) {
    super(text);
    this.name = 'HubError';
    this.refused = refused;
  }
}

// The server sends a HubException's message after "HubException: "; any other error only as "An unexpected error
// occurred invoking …" (its details are logged, not sent), and that one may pass (a silo moving, a timeout).
const refusal = /HubException: /;

export class Hub {
  constructor(path, { join, events = {}, onState = () => {} }) {
    this.path = path;
    this.join = join;
    this.events = events;
    this.onState = onState;
    this.nextId = 1;
    this.pending = new Map();
    this.delay = 500;
    this.stopped = false;
    this.ws = null;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    if (this.ws) {
      this.ws.close();
    }
  }

  /** Calls a hub method; resolves with its result. */
  invoke(target, ...args) {
    const invocationId = String(this.nextId++);
    return new Promise((resolve, reject) => {
      this.pending.set(invocationId, { resolve, reject });
      if (!this.send({ type: message.invocation, invocationId, target, arguments: args })) {
        this.pending.delete(invocationId);
        reject(new HubError('disconnected', false));
      }
    });
  }

  send(body) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) {
      return false;
    }
    this.ws.send(JSON.stringify(body) + separator);
    return true;
  }

  connect() {
    const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + this.path);
    this.ws = ws;
    let handshaken = false;
    let buffer = '';
    let pinger = null;
    let watchdog = null;
    const alive = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => ws.close(), serverTimeout);
    };
    ws.onopen = () => {
      ws.send(JSON.stringify({ protocol: 'json', version: 1 }) + separator);
      alive();
    };
    ws.onmessage = (event) => {
      alive();
      buffer += event.data;
      const frames = buffer.split(separator);
      buffer = frames.pop();
      for (const frame of frames) {
        const received = JSON.parse(frame);
        if (!handshaken) {
          handshaken = true;
          if (received.error) {
            ws.close();
            return;
          }
          this.delay = 500;
          pinger = setInterval(() => this.send({ type: message.ping }), pingInterval);
          this.joined(ws);
        } else if (received.type === message.invocation && this.events[received.target]) {
          this.events[received.target](...received.arguments);
        } else if (received.type === message.completion) {
          const call = this.pending.get(received.invocationId);
          this.pending.delete(received.invocationId);
          if (call && received.error) {
            call.reject(new HubError(received.error, refusal.test(received.error)));
          } else if (call) {
            call.resolve(received.result);
          }
        } else if (received.type === message.close) {
          ws.close();
        }
      }
    };
    ws.onclose = () => {
      clearInterval(pinger);
      clearTimeout(watchdog);
      this.pending.forEach((call) => call.reject(new HubError('disconnected', false)));
      this.pending.clear();
      if (this.stopped || this.ws !== ws) {
        return;
      }
      this.onState('offline');
      setTimeout(() => this.connect(), this.delay);
      this.delay = Math.min(this.delay * 2, 10000);
    };
  }

  async joined(ws) {
    try {
      await this.join(this);
      this.onState('online');
    } catch (error) {
      // A refused token, sign-in or role stays refused; anything else (a silo moving, a timeout) is retried.
      if (error instanceof HubError && error.refused) {
        this.stopped = true;
        this.onState('denied', error.message);
      }
      ws.close();
    }
  }
}
