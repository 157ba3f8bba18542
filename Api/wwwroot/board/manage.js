// Workstations and the week's roster of one pool: change a station's maximum load, copy a station, edit who sits
// where in each shift, copy the week to the next. Saves through the dispatch Api; refused changes show why.
(function () {
  'use strict';
  var pool = new URLSearchParams(location.search).get('pool') || 'default';
  var lang = localStorage.getItem('cf.lang') || 'zh';
  var config = null, stations = [], weekStart = monday(new Date());
  var text = {
    zh: { title: '工位与排班', stations: '工位', station: '工位', name: '名称', campus: '院区', rule: '规则', maxLoad: '最大负荷', state: '状态',
      roster: '本周排班', copyWeek: '复制到下周', cellHint: '点击单元格编辑：每行“班次:医生”，如 day:li', save: '保存', copy: '复制',
      enabled: '启用', disabled: '停用', any: '全部', saved: '已保存', newId: '新工位编号', newName: '新工位名称', failed: '未保存：',
      days: ['一', '二', '三', '四', '五', '六', '日'] },
    en: { title: 'Workstations and roster', stations: 'Workstations', station: 'Station', name: 'Name', campus: 'Campus', rule: 'Rule',
      maxLoad: 'Max load', state: 'State', roster: 'Roster of the week', copyWeek: 'Copy to next week',
      cellHint: 'Click a cell to edit: one "shift:reader" per line, e.g. day:li', save: 'Save', copy: 'Copy', enabled: 'Enabled',
      disabled: 'Disabled', any: 'any', saved: 'Saved', newId: 'New station id', newName: 'New station name', failed: 'Not saved: ',
      days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] }
  };
  function t(key) { return (text[lang] || text.zh)[key] || key; }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    for (var k in (attrs || {})) { if (k === 'text') { e.textContent = attrs[k]; } else { e.setAttribute(k, attrs[k]); } }
    (children || []).forEach(function (c) { if (c) { e.appendChild(c); } });
    return e;
  }
  function monday(d) { var x = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate())); x.setUTCDate(x.getUTCDate() - ((x.getUTCDay() + 6) % 7)); return x; }
  function iso(d) { return d.toISOString().slice(0, 10); }
  function addDays(d, n) { var x = new Date(d.getTime()); x.setUTCDate(x.getUTCDate() + n); return x; }
  function api(method, path, body) {
    return fetch('/api/v1/dispatch/pools/' + encodeURIComponent(pool) + path, {
      method: method, credentials: 'same-origin', headers: body ? { 'Content-Type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined
    }).then(function (r) {
      if (r.ok) { status(t('saved')); return r.status === 204 || r.status === 201 ? null : r.json(); }
      return r.json().then(function (p) {
        status(t('failed') + (p.errors ? Object.keys(p.errors).map(function (k) { return k + ' ' + p.errors[k].join(' '); }).join('; ') : p.title));
        throw p;
      });
    });
  }
  function status(s) { document.getElementById('status').textContent = s; }
  function ruleText(rule) {
    var parts = [];
    ['campuses', 'modalities', 'examItems', 'patientTypes', 'subspecialties', 'taskTypes'].forEach(function (k) { if (rule[k] && rule[k].length) { parts.push(rule[k].join('/')); } });
    return parts.length ? parts.join(' · ') : t('any');
  }
  function renderStations() {
    var body = document.querySelector('#stations tbody');
    body.replaceChildren();
    stations.forEach(function (s) {
      var c = s.config;
      var load = el('input', { 'class': 'max-load', type: 'number', min: '0.5', step: '0.5', value: String(c.maxLoad) });
      var save = el('button', { type: 'button', 'class': 'small', text: t('save') });
      save.addEventListener('click', function () {
        api('PUT', '/stations/' + encodeURIComponent(c.stationId), { name: c.name, campus: c.campus, rule: c.rule, maxLoad: Number(load.value), share: c.share, enabled: c.enabled }).then(load_);
      });
      var copy = el('button', { type: 'button', 'class': 'small', text: t('copy') });
      copy.addEventListener('click', function () {
        var id = prompt(t('newId')); if (!id) { return; }
        var name = prompt(t('newName'), c.name) || c.name;
        api('POST', '/stations/' + encodeURIComponent(c.stationId) + '/copy', { newStationId: id, newName: name }).then(load_);
      });
      body.appendChild(el('tr', { 'data-station': c.stationId }, [
        el('td', { text: c.stationId }), el('td', { text: c.name }), el('td', { text: c.campus }), el('td', { text: ruleText(c.rule) }),
        el('td', {}, [load, save]), el('td', { text: t(c.enabled ? 'enabled' : 'disabled') }), el('td', {}, [copy])
      ]));
    });
  }
  function renderRoster() {
    document.getElementById('week').textContent = iso(weekStart);
    var head = document.querySelector('#roster thead');
    head.replaceChildren(el('tr', {}, [el('th', { text: t('station') })].concat(t('days').map(function (d, i) {
      return el('th', { text: d + ' ' + iso(addDays(weekStart, i)).slice(5) });
    }))));
    var body = document.querySelector('#roster tbody');
    body.replaceChildren();
    stations.forEach(function (s) {
      var id = s.config.stationId;
      var row = el('tr', { 'data-station': id }, [el('td', { text: s.config.name })]);
      for (var i = 0; i < 7; i++) {
        (function (date) {
          var lines = config.roster.filter(function (e) { return e.stationId === id && e.date === date; })
            .map(function (e) { return e.shiftId + ':' + e.readerId; });
          var cell = el('td', { 'class': 'cell', 'data-date': date, text: lines.join('\n') });
          cell.addEventListener('click', function () {
            var edited = prompt(t('cellHint'), lines.join('\n'));
            if (edited === null) { return; }
            var entries = edited.split(/[\n,，]+/).map(function (l) { return l.trim(); }).filter(Boolean).map(function (l) {
              var p = l.split(':'); return { date: date, shiftId: p[0].trim(), stationId: id, readerId: (p[1] || '').trim() };
            });
            var next = JSON.parse(JSON.stringify(config));
            next.roster = next.roster.filter(function (e) { return !(e.stationId === id && e.date === date); }).concat(entries);
            api('PUT', '/config', next).then(load_);
          });
          row.appendChild(cell);
        })(iso(addDays(weekStart, i)));
      }
      body.appendChild(row);
    });
  }
  function translate() {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.getElementById('lang').textContent = lang === 'en' ? '中文' : 'EN';
    document.querySelectorAll('[data-t]').forEach(function (n) { n.textContent = t(n.getAttribute('data-t')); });
  }
  function load_() {
    return Promise.all([api('GET', '/config'), fetch('/api/v1/dispatch/pools/' + encodeURIComponent(pool), { credentials: 'same-origin' }).then(function (r) { return r.json(); })])
      .then(function (results) {
        config = results[0];
        stations = results[1].stations;
        renderStations();
        renderRoster();
        document.body.setAttribute('data-state', 'ready');
      }, function () { document.body.setAttribute('data-state', 'error'); });
  }
  document.getElementById('prev').addEventListener('click', function () { weekStart = addDays(weekStart, -7); renderRoster(); });
  document.getElementById('next').addEventListener('click', function () { weekStart = addDays(weekStart, 7); renderRoster(); });
  document.getElementById('copyWeek').addEventListener('click', function () {
    api('POST', '/roster/copy-week', { fromWeekStart: iso(weekStart), toWeekStart: iso(addDays(weekStart, 7)) }).then(function () {
      weekStart = addDays(weekStart, 7);
      return load_();
    });
  });
  document.getElementById('lang').addEventListener('click', function () {
    lang = lang === 'en' ? 'zh' : 'en';
    localStorage.setItem('cf.lang', lang);
    translate();
    if (config) { renderStations(); renderRoster(); }
  });
  translate();
  load_();
})();
