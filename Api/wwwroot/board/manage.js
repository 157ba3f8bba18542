// Workstations and the week's roster of one pool: change a station's maximum load, copy a station, edit who sits
// where in each shift, copy the week to the next. Saves through the dispatch Api; refused changes show why.
import { el, setPageState } from '/page/dom.js';
import { pageText } from '/page/language.js';
import { request } from '/page/api.js';
import { poolApi } from './pool.js';

let config = null;
let stations = [];
let weekStart = monday(new Date());
const { t } = pageText({
  title: ['工位与排班', 'Workstations and roster'], stations: ['工位', 'Workstations'], station: ['工位', 'Station'], name: ['名称', 'Name'],
  campus: ['院区', 'Campus'], rule: ['规则', 'Rule'], maxLoad: ['最大负荷', 'Max load'], state: ['状态', 'State'],
  roster: ['本周排班', 'Roster of the week'], copyWeek: ['复制到下周', 'Copy to next week'],
  cellHint: ['点击单元格编辑：每行“班次:医生”，如 day:li', 'Click a cell to edit: one "shift:reader" per line, e.g. day:li'],
  save: ['保存', 'Save'], copy: ['复制', 'Copy'], enabled: ['启用', 'Enabled'], disabled: ['停用', 'Disabled'], any: ['全部', 'any'],
  saved: ['已保存', 'Saved'], newId: ['新工位编号', 'New station id'], newName: ['新工位名称', 'New station name'], failed: ['未保存：', 'Not saved: '],
  days: [['一', '二', '三', '四', '五', '六', '日'], ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']],
}, { onChange: () => { if (config) { renderStations(); renderRoster(); } } });

function monday(d) { const x = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate())); x.setUTCDate(x.getUTCDate() - ((x.getUTCDay() + 6) % 7)); return x; }
function iso(d) { return d.toISOString().slice(0, 10); }
function addDays(d, n) { const x = new Date(d.getTime()); x.setUTCDate(x.getUTCDate() + n); return x; }
function status(s) { document.getElementById('status').textContent = s; }
// A change: says "saved", or why not (a validation problem names its fields).
function change(method, path, body) {
  return request(method, poolApi + path, { body }).then((answer) => { status(t('saved')); return answer; }, (problem) => {
    status(t('failed') + (problem.errors ? Object.keys(problem.errors).map((k) => k + ' ' + [].concat(problem.errors[k]).join(' ')).join('; ') : problem.message));
    throw problem;
  });
}
function ruleText(rule) {
  const parts = ['campuses', 'modalities', 'examItems', 'patientTypes', 'subspecialties', 'taskTypes'].filter((k) => rule[k] && rule[k].length).map((k) => rule[k].join('/'));
  return parts.length ? parts.join(' · ') : t('any');
}
function renderStations() {
  document.querySelector('#stations tbody').replaceChildren(...stations.map((s) => {
    const c = s.config;
    const load = el('input', { class: 'max-load', type: 'number', min: '0.5', step: '0.5', value: String(c.maxLoad) });
    const save = el('button', { type: 'button', class: 'small', text: t('save') });
    save.addEventListener('click', () => {
      change('PUT', '/stations/' + encodeURIComponent(c.stationId), { name: c.name, campus: c.campus, rule: c.rule, maxLoad: Number(load.value), share: c.share, enabled: c.enabled }).then(load_);
    });
    const copy = el('button', { type: 'button', class: 'small', text: t('copy') });
    copy.addEventListener('click', () => {
      const id = prompt(t('newId'));
      if (!id) { return; }
      const name = prompt(t('newName'), c.name) || c.name;
      change('POST', '/stations/' + encodeURIComponent(c.stationId) + '/copy', { newStationId: id, newName: name }).then(load_);
    });
    return el('tr', { 'data-station': c.stationId },
      el('td', { text: c.stationId }), el('td', { text: c.name }), el('td', { text: c.campus }), el('td', { text: ruleText(c.rule) }),
      el('td', {}, load, save), el('td', { text: t(c.enabled ? 'enabled' : 'disabled') }), el('td', {}, copy));
  }));
}
function rosterCell(id, date) {
  const lines = config.roster.filter((e) => e.stationId === id && e.date === date).map((e) => e.shiftId + ':' + e.readerId);
  const cell = el('td', { class: 'cell', 'data-date': date, text: lines.join('\n') });
  cell.addEventListener('click', () => {
    const edited = prompt(t('cellHint'), lines.join('\n'));
    if (edited === null) { return; }
    const entries = edited.split(/[\n,，]+/).map((l) => l.trim()).filter(Boolean).map((l) => {
      const p = l.split(':');
      return { date, shiftId: p[0].trim(), stationId: id, readerId: (p[1] || '').trim() };
    });
    const next = JSON.parse(JSON.stringify(config));
    next.roster = next.roster.filter((e) => !(e.stationId === id && e.date === date)).concat(entries);
    change('PUT', '/config', next).then(load_);
  });
  return cell;
}
function renderRoster() {
  document.getElementById('week').textContent = iso(weekStart);
  const days = [0, 1, 2, 3, 4, 5, 6].map((i) => iso(addDays(weekStart, i)));
  document.querySelector('#roster thead').replaceChildren(el('tr', {}, el('th', { text: t('station') }),
    t('days').map((d, i) => el('th', { text: d + ' ' + days[i].slice(5) }))));
  document.querySelector('#roster tbody').replaceChildren(...stations.map((s) =>
    el('tr', { 'data-station': s.config.stationId }, el('td', { text: s.config.name }), days.map((date) => rosterCell(s.config.stationId, date)))));
}
function load_() {
  return Promise.all([request('GET', poolApi + '/config'), request('GET', poolApi)]).then(([loaded, board]) => {
    config = loaded;
    stations = board.stations;
    renderStations();
    renderRoster();
    setPageState('ready');
  }, (problem) => { status(problem.message); setPageState('error'); });
}
document.getElementById('prev').addEventListener('click', () => { weekStart = addDays(weekStart, -7); renderRoster(); });
document.getElementById('next').addEventListener('click', () => { weekStart = addDays(weekStart, 7); renderRoster(); });
document.getElementById('copyWeek').addEventListener('click', () => {
  change('POST', '/roster/copy-week', { fromWeekStart: iso(weekStart), toWeekStart: iso(addDays(weekStart, 7)) }).then(() => {
    weekStart = addDays(weekStart, 7);
    return load_();
  });
});
load_();
