// What the hall and room-door screens share: the device token, joining the queue hub with it, the screen's theme,
// the connection state on screen, speaking calls, and a redraw from a fresh snapshot every minute in case a push
// was lost. While disconnected a screen shows "offline" and hides queue data; after reconnecting it joins again and
// redraws from a fresh snapshot, so it never shows stale calls as current.
import { setPageState } from '/page/dom.js';
import { pageText } from '/page/language.js';
import { Hub } from '/page/hub.js';

const stateWords = {
  connecting: ['连接中', 'Connecting'], online: ['在线', 'Online'], offline: ['离线，正在重新连接…', 'Offline, reconnecting…'],
  denied: ['屏幕未授权', 'Screen not authorised'],
};

// The device token arrives once in the address fragment (#token=...), is kept on the device, and is removed
// from the address bar so it is not shown or bookmarked.
function screenToken(screenId) {
  const key = 'cf-screen-token:' + screenId;
  const match = location.hash.match(/token=([^&]+)/);
  if (match) {
    localStorage.setItem(key, decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname);
  }
  return localStorage.getItem(key);
}

function applyTheme(theme) {
  const root = document.documentElement.style;
  root.setProperty('--bg', theme.background);
  root.setProperty('--fg', theme.foreground);
  root.setProperty('--accent', theme.accent);
  root.setProperty('--scale', theme.fontScale);
}

/** Speaks the server-provided text with the queue's voice settings (the same text a hardware voice box gets). */
export function speakCall(text, voice) {
  document.body.dataset.lastSpoken = text;
  if (!('speechSynthesis' in window)) {
    return;
  }
  for (let i = 0; i < (voice.repeat || 1); i++) {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = voice.language || 'zh-CN';
    utterance.rate = voice.rate || 1;
    window.speechSynthesis.speak(utterance);
  }
}

/**
 * Runs a screen: words (the page's dictionary; the connection states are added), onJoin(view) with the screen and
 * a snapshot of each of its queues after every (re)connect, onEvent(queueEvent), render() after a language switch,
 * refresh(hub) every minute while online. Returns t.
 */
export function runScreen(words, { onJoin, onEvent, render, refresh }) {
  let joined = false;
  const { t } = pageText({ ...stateWords, ...words }, { onChange: () => { setState(document.body.dataset.state); if (joined) { render(); } } });
  function setState(state) {
    setPageState(state);
    document.getElementById('status').textContent = t(state);
    document.getElementById('offline').textContent = t(state === 'denied' ? 'denied' : 'offline');
  }
  const token = screenToken(decodeURIComponent(location.pathname.split('/').pop()));
  const hub = new Hub('/hubs/queues', {
    join: async (connection) => {
      const view = await connection.invoke('JoinScreen', token);
      applyTheme(view.screen.theme);
      joined = true;
      onJoin(view);
    },
    events: { queueEvent: onEvent },
    onState: setState,
  });
  window.queueLive = hub; // for tests and diagnostics
  if (token) {
    hub.start();
  } else {
    setState('denied');
  }
  // Safety net for a lost push: redraw from a fresh snapshot every minute.
  setInterval(() => {
    if (document.body.dataset.state === 'online' && joined) {
      refresh(hub);
    }
  }, 60000);
  return t;
}
