// A small SignalR client (JSON hub protocol over WebSockets) for queue screens and consoles, with automatic
// reconnection. While disconnected the page shows "offline" and hides queue data; after reconnecting it joins
// again and redraws from a fresh snapshot, so it never shows stale calls as current.
"use strict";

const RS = "\u001e";

window.QueueLive = class QueueLive {
  constructor(path, { onEvent, onJoin, onState }) {
    this.path = path;
    this.onEvent = onEvent;
    this.onJoin = onJoin;
    this.onState = onState;
    this.nextId = 1;
    this.pending = new Map();
    this.delay = 500;
    this.stopped = false;
  }

  start() { this.connect(); }

  connect() {
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + this.path;
    const ws = new WebSocket(url);
    this.ws = ws;
    let handshaken = false;
    let buffer = "";
    ws.onopen = () => ws.send(JSON.stringify({ protocol: "json", version: 1 }) + RS);
    ws.onmessage = async (m) => {
      buffer += m.data;
      const frames = buffer.split(RS);
      buffer = frames.pop();
      for (const frame of frames) {
        const message = JSON.parse(frame);
        if (!handshaken) {
          handshaken = true;
          if (message.error) { ws.close(); return; }
          this.delay = 500;
          this.pinger = setInterval(() => this.send({ type: 6 }), 10000);
          try {
            await this.onJoin(this);
            this.onState("online");
          } catch (e) {
            // A refused token or sign-in stays refused; anything else (a silo moving, a timeout) is retried.
            if (/not valid|Sign in|may not|no token/.test(e.message)) { this.stopped = true; this.onState("denied", e.message); ws.close(); }
            else ws.close();
          }
          continue;
        }
        if (message.type === 1 && message.target === "queueEvent") this.onEvent(message.arguments[0]);
        else if (message.type === 3) {
          const p = this.pending.get(message.invocationId);
          this.pending.delete(message.invocationId);
          if (p) message.error ? p.reject(new Error(message.error)) : p.resolve(message.result);
        } else if (message.type === 7) ws.close();
      }
    };
    ws.onclose = () => {
      clearInterval(this.pinger);
      for (const p of this.pending.values()) p.reject(new Error("disconnected"));
      this.pending.clear();
      if (this.stopped) return;
      this.onState("offline");
      setTimeout(() => this.connect(), this.delay);
      this.delay = Math.min(this.delay * 2, 10000);
    };
  }

  send(message) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message) + RS);
  }

  invoke(target, ...args) {
    const invocationId = String(this.nextId++);
    return new Promise((resolve, reject) => {
      this.pending.set(invocationId, { resolve, reject });
      this.send({ type: 1, invocationId, target, arguments: args });
    });
  }
};

// Chinese first, with an English switch remembered per device.
window.QueueText = function QueueText(dictionary) {
  let lang = localStorage.getItem("cf-lang") || "zh";
  const t = (key) => (dictionary[lang] && dictionary[lang][key]) || dictionary.zh[key] || key;
  const apply = () => {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
  };
  return {
    t, apply,
    get lang() { return lang; },
    toggle() { lang = lang === "zh" ? "en" : "zh"; localStorage.setItem("cf-lang", lang); apply(); },
  };
};

// Speaks the server-provided text with the queue's voice settings (the same text a hardware voice box gets).
window.speakCall = function speakCall(text, voice) {
  document.body.dataset.lastSpoken = text;
  if (!("speechSynthesis" in window)) return;
  for (let i = 0; i < (voice.repeat || 1); i++) {
    const u = new SpeechSynthesisUtterance(text);
    u.lang = voice.language || "zh-CN";
    u.rate = voice.rate || 1;
    window.speechSynthesis.speak(u);
  }
};

// The device token arrives once in the address fragment (#token=...), is kept on the device, and is removed
// from the address bar so it is not shown or bookmarked.
window.screenToken = function screenToken(screenId) {
  const key = "cf-screen-token:" + screenId;
  const match = location.hash.match(/token=([^&]+)/);
  if (match) {
    localStorage.setItem(key, decodeURIComponent(match[1]));
    history.replaceState(null, "", location.pathname);
  }
  return localStorage.getItem(key);
};

window.el = function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v; else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
};
