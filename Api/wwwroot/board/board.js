// The live dispatch board: one column per workstation with its load against its maximum, the unassigned pool,
// emergencies highlighted with their waiting time; drag a task onto a column to reassign it. Updates arrive
// over the dispatch hub; state for tests is on body[data-state] and body[data-version].
(function () {
  'use strict';
  var pool = new URLSearchParams(location.search).get('pool') || 'default';
  var lang = localStorage.getItem('cf.lang') || 'zh';
  var view = null, dragged = null;
  var text = {
    zh: { title: '派单看板', campus: '院区', allCampuses: '全部院区', pool: '待分配', offDuty: '未在班', disabled: '已停用', disable: '停用', enable: '启用',
      live: '实时', reconnecting: '重新连接中…', error: '连接失败', waiting: '等待', emergency: '急诊', vip: 'VIP', urgent: '加急', routine: '常规',
      writeReport: '书写', reviewReport: '审核', started: '已开始', pinned: '已固定', failed: '操作失败' },
    en: { title: 'Dispatch board', campus: 'Campus', allCampuses: 'All campuses', pool: 'Unassigned', offDuty: 'Off duty', disabled: 'Disabled', disable: 'Disable',
      enable: 'Enable', live: 'Live', reconnecting: 'Reconnecting…', error: 'Connection failed', waiting: 'waiting', emergency: 'Emergency', vip: 'VIP',
      urgent: 'Urgent', routine: 'Routine', writeReport: 'Report', reviewReport: 'Review', started: 'started', pinned: 'pinned', failed: 'Action failed' }
  };
  function t(key) { return (text[lang] || text.zh)[key] || key; }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    for (var k in (attrs || {})) { if (k === 'text') { e.textContent = attrs[k]; } else { e.setAttribute(k, attrs[k]); } }
    (children || []).forEach(function (c) { if (c) { e.appendChild(c); } });
    return e;
  }
  function translate() {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.getElementById('lang').textContent = lang === 'en' ? '中文' : 'EN';
    document.querySelectorAll('[data-t]').forEach(function (n) { n.textContent = t(n.getAttribute('data-t')); });
    var state = document.body.getAttribute('data-state');
    if (state && state !== 'loading') { document.getElementById('status').textContent = t(state); }
  }
  function waited(task) {
    var s = Math.max(0, Math.floor((Date.now() - Date.parse(task.createdAt)) / 1000));
    var m = Math.floor(s / 60);
    return m >= 60 ? Math.floor(m / 60) + 'h' + (m % 60) + 'm' : m + ':' + String(s % 60).padStart(2, '0');
  }
  function camel(kebab) { return kebab.replace(/-([a-z])/g, function (_, c) { return c.toUpperCase(); }); }
  function card(task, escalated) {
    var classes = 'task ' + task.priority + (escalated ? ' escalated' : '');
    var li = el('li', { 'class': classes, draggable: 'true', 'data-task': task.taskId, 'data-priority': task.priority }, [
      el('div', { text: task.subject.examItem + ' · ' + task.subject.studyKey }),
      el('div', { 'class': 'meta' }, [
        el('span', { text: t(task.priority) + ' · ' + t(camel(task.type)) + ' · ' + task.weight + (task.status === 'started' ? ' · ' + t('started') : '') + (task.pinned ? ' · ' + t('pinned') : '') }),
        el('span', { 'class': 'wait', 'data-created': task.createdAt, text: waited(task) })
      ])
    ]);
    li.addEventListener('dragstart', function (e) { dragged = task.taskId; e.dataTransfer.setData('text/plain', task.taskId); });
    return li;
  }
  function column(id, title, who, load, max, tasks, escalated, off, station) {
    var ratio = max > 0 ? load / max : 0;
    var col = el('section', { 'class': 'column' + (off ? ' off' : ''), 'data-station': id || '' }, [
      el('h2', {}, [el('span', { text: title }), station ? toggle(station) : null]),
      who ? el('div', { 'class': 'who', text: who }) : null,
      max > 0 ? el('div', { 'class': 'load' + (ratio > 1 ? ' over' : ratio >= 0.8 ? ' high' : ''), title: load + ' / ' + max, 'data-load': load, 'data-max': max },
        [el('div', { style: 'width:' + Math.min(100, ratio * 100) + '%' })]) : null,
      el('ul', {}, tasks.map(function (task) { return card(task, escalated.indexOf(task.taskId) >= 0); }))
    ]);
    if (id) {
      col.addEventListener('dragover', function (e) { e.preventDefault(); col.classList.add('drop'); });
      col.addEventListener('dragleave', function () { col.classList.remove('drop'); });
      col.addEventListener('drop', function (e) {
        e.preventDefault();
        col.classList.remove('drop');
        var taskId = e.dataTransfer.getData('text/plain') || dragged;
        if (taskId) { post('/tasks/' + encodeURIComponent(taskId) + '/reassign', { stationId: id }); }
      });
    }
    return col;
  }
  function toggle(station) {
    var enabled = station.config.enabled;
    var b = el('button', { 'class': 'small', type: 'button', text: t(enabled ? 'disable' : 'enable') });
    b.addEventListener('click', function () { post('/stations/' + encodeURIComponent(station.config.stationId) + (enabled ? '/disable' : '/enable')); });
    return b;
  }
  function post(path, body) {
    return fetch('/api/v1/dispatch/pools/' + encodeURIComponent(pool) + path, {
      method: 'POST', credentials: 'same-origin',
      headers: body ? { 'Content-Type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined
    }).then(function (r) { if (!r.ok) { status(t('failed') + ' (' + r.status + ')'); } });
  }
  function status(s) { document.getElementById('status').textContent = s; }
  function render() {
    if (!view) { return; }
    var campus = document.getElementById('campus').value;
    var select = document.getElementById('campus');
    view.stations.map(function (s) { return s.config.campus; }).forEach(function (c) {
      if (c && !Array.prototype.some.call(select.options, function (o) { return o.value === c; })) { select.appendChild(el('option', { value: c, text: c })); }
    });
    var tasks = view.tasks.filter(function (task) { return !campus || task.subject.campus === campus; });
    var columns = document.getElementById('columns');
    columns.replaceChildren();
    columns.appendChild(column(null, t('pool'), null, 0, 0, tasks.filter(function (task) { return !task.stationId; }), view.escalatedTaskIds, false, null));
    view.stations.filter(function (s) { return !campus || s.config.campus === campus; }).forEach(function (s) {
      var who = !s.config.enabled ? t('disabled') : s.onDuty ? s.readerId : t('offDuty');
      columns.appendChild(column(s.config.stationId, s.config.name, who, s.load, s.config.maxLoad,
        tasks.filter(function (task) { return task.stationId === s.config.stationId; }), view.escalatedTaskIds, !s.onDuty || !s.config.enabled, s));
    });
  }
  document.getElementById('lang').addEventListener('click', function () {
    lang = lang === 'en' ? 'zh' : 'en';
    localStorage.setItem('cf.lang', lang);
    translate();
    render();
  });
  document.getElementById('campus').addEventListener('change', render);
  setInterval(function () {
    document.querySelectorAll('.wait').forEach(function (n) { n.textContent = waited({ createdAt: n.getAttribute('data-created') }); });
  }, 1000);
  translate();
  window.DispatchHub(pool, function (next) {
    if (view && next.version < view.version) { return; }
    view = next;
    document.body.setAttribute('data-version', String(view.version));
    render();
  }, function (s) {
    document.body.setAttribute('data-state', s);
    status(t(s));
  });
})();
