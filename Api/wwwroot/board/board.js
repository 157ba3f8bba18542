// The live dispatch board: one column per workstation with its load against its maximum, the unassigned pool,
// emergencies highlighted with their waiting time; drag a task onto a column to reassign it. Updates arrive
// over the dispatch hub; state for tests is on body[data-state] and body[data-version].
import { el } from '/page/dom.js';
import { pageText } from '/page/language.js';
import { request } from '/page/api.js';
import { poolApi, poolWords, showPoolState, watchPool } from './pool.js';

let view = null;
let dragged = null;
const { t } = pageText({
  ...poolWords,
  title: ['派单看板', 'Dispatch board'], campus: ['院区', 'Campus'], allCampuses: ['全部院区', 'All campuses'], pool: ['待分配', 'Unassigned'],
  offDuty: ['未在班', 'Off duty'], disabled: ['已停用', 'Disabled'], disable: ['停用', 'Disable'], enable: ['启用', 'Enable'],
  waiting: ['等待', 'waiting'],
  writeReport: ['书写', 'Report'], reviewReport: ['审核', 'Review'], started: ['已开始', 'started'], pinned: ['已固定', 'pinned'],
}, { onChange: () => { showPoolState(t); render(); } });

function status(text) { document.getElementById('status').textContent = text; }
function waited(task) {
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(task.createdAt)) / 1000));
  const m = Math.floor(s / 60);
  return m >= 60 ? Math.floor(m / 60) + 'h' + (m % 60) + 'm' : m + ':' + String(s % 60).padStart(2, '0');
}
const camel = (kebab) => kebab.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
function card(task, escalated) {
  const li = el('li', { class: 'task ' + task.priority + (escalated ? ' escalated' : ''), draggable: 'true', 'data-task': task.taskId, 'data-priority': task.priority },
    el('div', { text: task.subject.examItem + ' · ' + task.subject.studyKey }),
    el('div', { class: 'meta' },
      el('span', { text: t(task.priority) + ' · ' + t(camel(task.type)) + ' · ' + task.weight + (task.status === 'started' ? ' · ' + t('started') : '') + (task.pinned ? ' · ' + t('pinned') : '') }),
      el('span', { class: 'wait', 'data-created': task.createdAt, text: waited(task) })));
  li.addEventListener('dragstart', (e) => { dragged = task.taskId; e.dataTransfer.setData('text/plain', task.taskId); });
  return li;
}
function column(id, title, who, load, max, tasks, escalated, off, station) {
  const ratio = max > 0 ? load / max : 0;
  const col = el('section', { class: 'column' + (off ? ' off' : ''), 'data-station': id || '' },
    el('h2', {}, el('span', { text: title }), station ? toggle(station) : null),
    who ? el('div', { class: 'who', text: who }) : null,
    max > 0 ? el('div', { class: 'load' + (ratio > 1 ? ' over' : ratio >= 0.8 ? ' high' : ''), title: load + ' / ' + max, 'data-load': load, 'data-max': max },
      el('div', { style: 'width:' + Math.min(100, ratio * 100) + '%' })) : null,
    el('ul', {}, tasks.map((task) => card(task, escalated.includes(task.taskId)))));
  if (id) {
    col.addEventListener('dragover', (e) => { e.preventDefault(); col.classList.add('drop'); });
    col.addEventListener('dragleave', () => col.classList.remove('drop'));
    col.addEventListener('drop', (e) => {
      e.preventDefault();
      col.classList.remove('drop');
      const taskId = e.dataTransfer.getData('text/plain') || dragged;
      if (taskId) { post('/tasks/' + encodeURIComponent(taskId) + '/reassign', { stationId: id }); }
    });
  }
  return col;
}
function toggle(station) {
  const enabled = station.config.enabled;
  const b = el('button', { class: 'small', type: 'button', text: t(enabled ? 'disable' : 'enable') });
  b.addEventListener('click', () => post('/stations/' + encodeURIComponent(station.config.stationId) + (enabled ? '/disable' : '/enable')));
  return b;
}
function post(path, body) {
  return request('POST', poolApi + path, { body }).catch((problem) => status(problem.message));
}
function render() {
  if (!view) { return; }
  const select = document.getElementById('campus');
  const campus = select.value;
  view.stations.map((s) => s.config.campus).forEach((c) => {
    if (c && ![...select.options].some((o) => o.value === c)) { select.appendChild(el('option', { value: c, text: c })); }
  });
  const tasks = view.tasks.filter((task) => !campus || task.subject.campus === campus);
  const columns = document.getElementById('columns');
  columns.replaceChildren(column(null, t('pool'), null, 0, 0, tasks.filter((task) => !task.stationId), view.escalatedTaskIds, false, null));
  view.stations.filter((s) => !campus || s.config.campus === campus).forEach((s) => {
    const who = !s.config.enabled ? t('disabled') : s.onDuty ? s.readerId : t('offDuty');
    columns.appendChild(column(s.config.stationId, s.config.name, who, s.load, s.config.maxLoad,
      tasks.filter((task) => task.stationId === s.config.stationId), view.escalatedTaskIds, !s.onDuty || !s.config.enabled, s));
  });
}
document.getElementById('campus').addEventListener('change', render);
setInterval(() => {
  document.querySelectorAll('.wait').forEach((n) => { n.textContent = waited({ createdAt: n.dataset.created }); });
}, 1000);
watchPool(t, (next) => { view = next; render(); });
