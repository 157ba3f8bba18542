// Caller console of one room: call next (顺呼), recall (复呼), missed (过号), complete, pause; select (选呼) or
// transfer a waiting patient; return a missed patient. Every click carries its own Idempotency-Key, so a
// double click or a retried request acts once.
import { el, setPageState } from '/page/dom.js';
import { pageText } from '/page/language.js';
import { request, signInAddress } from '/page/api.js';
import { Hub } from '/page/hub.js';

const roomId = decodeURIComponent(location.pathname.split('/').pop());
const queueId = new URLSearchParams(location.search).get('queue');
const base = `/api/v1/queues/${encodeURIComponent(queueId)}`;
let snapshot = null;
// Staff see full names (to check identity at the door); public screens never do. Refreshed per revision.
let names = new Map();
let namesRevision = -1;
const { t } = pageText({
  console: ['叫号控制台', 'Caller console'], connecting: ['连接中', 'Connecting'], online: ['在线', 'Online'], offline: ['离线', 'Offline'],
  denied: ['请先登录', 'Please sign in'], current: ['当前患者', 'Current patient'], callNext: ['顺呼', 'Call next'], recall: ['复呼', 'Recall'],
  missed: ['过号', 'Missed'], complete: ['完成', 'Done'], pause: ['暂停', 'Pause'], resume: ['恢复', 'Resume'], waiting: ['候诊', 'Waiting'],
  missedList: ['过号', 'Missed'], select: ['选呼', 'Call'], back: ['回队', 'Return'], transfer: ['转诊室', 'To room'], none: ['—', '—'],
  empty: ['无人候诊', 'Nobody waiting'],
}, { onChange: () => { setState(document.body.dataset.state); if (snapshot) { render(); } } });

async function loadNames() {
  if (!snapshot || namesRevision === snapshot.revision) return;
  const revision = snapshot.revision;
  const tickets = await request('GET', base + '/tickets').catch(() => null);
  if (!tickets) return;
  names = new Map(tickets.map((ticket) => [ticket.number, ticket.patientName]));
  namesRevision = revision;
  render();
}

const nameOf = (ticket) => names.get(ticket.number) || ticket.maskedName;

function setState(state) {
  setPageState(state);
  document.getElementById('status').textContent = t(state);
  if (state === 'denied') document.getElementById('message').replaceChildren(el('a', { href: signInAddress() }, t('denied')));
}

async function command(path, body) {
  document.querySelectorAll('button').forEach((b) => { b.disabled = true; });
  try {
    await request('POST', base + path, { body, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    document.getElementById('message').textContent = '';
  } catch (problem) {
    document.getElementById('message').textContent = problem.message;
  } finally {
    document.querySelectorAll('button').forEach((b) => { b.disabled = false; });
  }
}

function render() {
  const room = snapshot.rooms.find((r) => r.room.roomId === roomId);
  document.getElementById('room').textContent = room ? room.room.name : roomId;
  document.getElementById('current').textContent = room && room.current ? `${room.current.displayNumber} ${nameOf(room.current)}` : t('none');
  const pause = document.getElementById('pause');
  pause.textContent = t(room && room.paused ? 'resume' : 'pause');
  pause.dataset.paused = room && room.paused ? 'true' : 'false';
  const others = snapshot.rooms.filter((r) => r.room.roomId !== roomId);
  const rows = snapshot.waiting.filter((w) => !w.roomId || w.roomId === roomId).map((w) => {
    const select = el('button', { 'data-number': w.number }, t('select'));
    select.onclick = () => command(`/rooms/${roomId}/select`, { number: w.number });
    const transfer = el('select', {}, el('option', { value: '' }, t('transfer')), others.map((r) => el('option', { value: r.room.roomId }, r.room.name)));
    transfer.onchange = () => transfer.value && command(`/tickets/${w.number}/transfer`, { roomId: transfer.value });
    return el('tr', {}, el('td', {}, w.displayNumber), el('td', { class: 'name' }, nameOf(w)), el('td', {}, select, ' ', others.length > 0 && transfer));
  });
  document.getElementById('waiting').replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', {}, t('empty')))]));
  document.getElementById('missedList').replaceChildren(...snapshot.missed.map((m) => {
    const back = el('button', {}, t('back'));
    back.onclick = () => command(`/tickets/${m.number}/return`);
    return el('tr', {}, el('td', {}, m.displayNumber), el('td', { class: 'name' }, nameOf(m)), el('td', {}, back));
  }));
  document.body.dataset.revision = String(snapshot.revision);
  loadNames();
}

new Hub('/hubs/queues', {
  onState: setState,
  events: { queueEvent: (e) => { if (e.snapshot && (!snapshot || e.snapshot.revision >= snapshot.revision)) { snapshot = e.snapshot; render(); } } },
  join: async (hub) => { snapshot = await hub.invoke('JoinQueue', queueId); render(); },
}).start();
document.getElementById('call-next').onclick = () => command(`/rooms/${roomId}/call-next`);
document.getElementById('recall').onclick = () => command(`/rooms/${roomId}/recall`);
document.getElementById('missed').onclick = () => command(`/rooms/${roomId}/missed`);
document.getElementById('complete').onclick = () => command(`/rooms/${roomId}/complete`);
document.getElementById('pause').onclick = (e) => command(`/rooms/${roomId}/${e.target.dataset.paused === 'true' ? 'resume' : 'pause'}`);
