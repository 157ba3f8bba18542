// The patient's cloud film page: verification, the list of studies, one study with its report.
// Plain JavaScript, no framework: it must open fast on a phone in any browser, WeChat's included.
(function () {
  'use strict';
  var token = decodeURIComponent(location.pathname.split('/')[2] || '');
  var api = '/api/v1/share/' + encodeURIComponent(token);
  var main = document.getElementById('main');
  var lang = localStorage.getItem('cf.lang') || 'zh';

  var text = {
    zh: {
      title: '云胶片', loading: '正在加载…', notice: '云胶片供患者查看和转交医生参考，不作为诊断依据。',
      verifyTitle: '身份验证', smsHint: '验证码将发送到登记的手机号 {phone}', sendCode: '获取验证码', resend: '{s} 秒后可重新获取',
      code: '短信验证码', idDigits: '身份证号后几位', accessCode: '访问码', verify: '验证并查看', wrong: '验证码不正确，还可尝试 {n} 次',
      locked: '错误次数过多，请稍后再试。', expired: '链接已过期。', revoked: '链接已被撤回。', unknown: '链接无效。',
      hours: '当前时间不可查看。', studies: '我的检查', noStudies: '暂无检查。', back: '返回', report: '检查报告',
      findings: '检查所见', impression: '诊断结论', advice: '建议', doctor: '报告医生', reviewer: '审核医生',
      noReport: '报告尚未发布。', images: '影像', imagesLater: '影像正在整理，稍后可在此查看。', name: '姓名', sex: '性别', age: '年龄',
      exam: '检查项目', time: '检查时间', campus: '院区', M: '男', F: '女', O: '其他', U: '未知',
      noImages: '暂无影像。', preset_default: '默认', preset_lung: '肺窗', preset_mediastinum: '纵隔窗', preset_bone: '骨窗',
      preset_brain: '脑窗', preset_abdomen: '腹部窗', modeScroll: '翻页', modeWindow: '调窗', modePan: '移动', cine: '播放',
      download: '下载', downloadDicom: '下载原始影像（DICOM）', downloadJpeg: '下载图片（JPEG）', extraction: '提取码',
      validUntil: '有效期至', size: '文件大小约', downloadLink: '下载链接', downloadHint: '凭提取码在下载页面下载；可将链接和提取码分别发给医生。', sent: '验证码已发送到 {phone}', error: '出错了，请稍后再试。'
    },
    en: {
      title: 'Cloud film', loading: 'Loading…', notice: 'The cloud film is for patients to view and share with doctors; it is not a basis for diagnosis.',
      verifyTitle: 'Verify it is you', smsHint: 'A code will be sent to the phone on file, {phone}', sendCode: 'Send code', resend: 'Resend in {s} s',
      code: 'SMS code', idDigits: 'Last digits of your ID card', accessCode: 'Access code', verify: 'Verify and view', wrong: 'That is not right; {n} attempts left',
      locked: 'Too many wrong attempts. Please try again later.', expired: 'This link has expired.', revoked: 'This link was withdrawn.', unknown: 'This link is not valid.',
      hours: 'This link cannot be opened at this time.', studies: 'My examinations', noStudies: 'No examinations yet.', back: 'Back', report: 'Report',
      findings: 'Findings', impression: 'Impression', advice: 'Advice', doctor: 'Reported by', reviewer: 'Reviewed by',
      noReport: 'The report is not published yet.', images: 'Images', imagesLater: 'The images are being prepared and will appear here.', name: 'Name', sex: 'Sex', age: 'Age',
      exam: 'Examination', time: 'Date', campus: 'Campus', M: 'Male', F: 'Female', O: 'Other', U: 'Unknown',
      noImages: 'No images yet.', preset_default: 'Default', preset_lung: 'Lung', preset_mediastinum: 'Mediastinum', preset_bone: 'Bone',
      preset_brain: 'Brain', preset_abdomen: 'Abdomen', modeScroll: 'Scroll', modeWindow: 'Window', modePan: 'Pan', cine: 'Play',
      download: 'Download', downloadDicom: 'Download original images (DICOM)', downloadJpeg: 'Download pictures (JPEG)', extraction: 'Extraction code',
      validUntil: 'Valid until', size: 'Size about', downloadLink: 'Download link', downloadHint: 'Download on the download page with the code; you may send the link and the code to a doctor separately.', sent: 'A code was sent to {phone}', error: 'Something went wrong; please try again.'
    }
  };
  function t(key, values) {
    var s = (text[lang] || text.zh)[key] || key;
    for (var k in (values || {})) { s = s.replace('{' + k + '}', values[k]); }
    return s;
  }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    for (var k in (attrs || {})) { if (k === 'text') { e.textContent = attrs[k]; } else { e.setAttribute(k, attrs[k]); } }
    (children || []).forEach(function (c) { if (c) { e.appendChild(c); } });
    return e;
  }
  function setState(state) { document.body.setAttribute('data-state', state); }
  function show(nodes) { main.innerHTML = ''; nodes.forEach(function (n) { main.appendChild(n); }); }
  function request(method, path, body) {
    return fetch(api + path, {
      method: method, credentials: 'same-origin',
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined
    }).then(function (r) {
      return r.text().then(function (b) { var j = null; try { j = b ? JSON.parse(b) : null; } catch (e) { j = null; } return { status: r.status, body: j, headers: r.headers }; });
    });
  }
  function translateStatic() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('title');
    Array.prototype.forEach.call(document.querySelectorAll('[data-t]'), function (n) { n.textContent = t(n.getAttribute('data-t')); });
    document.getElementById('lang').textContent = lang === 'zh' ? 'EN' : '中文';
  }
  function stopped(state) {
    var key = { locked: 'locked', expired: 'expired', revoked: 'revoked', 'outside-viewing-hours': 'hours' }[state] || 'unknown';
    setState(state || 'unknown');
    show([el('div', { 'class': 'card' }, [el('p', { 'class': 'error', text: t(key) })])]);
  }

  function start() {
    request('GET', '/').then(function (r) {
      if (r.status !== 200) { stopped(r.body && r.body.state); return; }
      if (r.body.state === 'open') { list(); return; }
      if (r.body.state !== 'needs-verification') { stopped(r.body.state); return; }
      verification(r.body);
    }, function () { stopped('error'); });
  }

  function verification(status) {
    setState('verify');
    var card = el('div', { 'class': 'card' }, [el('h2', { text: t('verifyTitle') })]);
    var message = el('p', { 'class': 'muted', id: 'message' });
    var code = null, access = null;
    if (status.verification === 'sms') {
      card.appendChild(el('p', { 'class': 'muted', text: t('smsHint', { phone: status.phone || '' }) }));
      var send = el('button', { type: 'button', 'class': 'secondary', id: 'send-code', text: t('sendCode') });
      send.onclick = function () {
        send.disabled = true;
        request('POST', '/code').then(function (r) {
          if (r.status === 200) { message.textContent = t('sent', { phone: r.body.phone }); countdown(send, 60); return; }
          if (r.status === 429) { countdown(send, (r.body && r.body.retryAfterSeconds) || 60); return; }
          send.disabled = false; message.textContent = t('error');
        });
      };
      card.appendChild(send);
      code = el('input', { id: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '6' });
      card.appendChild(el('label', { 'for': 'code', text: t('code') }));
      card.appendChild(code);
    } else if (status.verification === 'id-card-digits') {
      code = el('input', { id: 'code', maxlength: '6' });
      card.appendChild(el('label', { 'for': 'code', text: t('idDigits') }));
      card.appendChild(code);
    }
    if (status.needsAccessCode) {
      access = el('input', { id: 'access-code', maxlength: '12' });
      card.appendChild(el('label', { 'for': 'access-code', text: t('accessCode') }));
      card.appendChild(access);
    }
    var go = el('button', { type: 'button', 'class': 'primary', id: 'verify', text: t('verify') });
    go.onclick = function () {
      go.disabled = true;
      request('POST', '/verify', { code: code ? code.value.trim() : null, accessCode: access ? access.value.trim() : null }).then(function (r) {
        go.disabled = false;
        if (r.status === 200) { list(); return; }
        if (r.status === 401) { message.textContent = t('wrong', { n: r.body ? r.body.attemptsLeft : '' }); message.className = 'error'; return; }
        stopped(r.body && r.body.state);
      });
    };
    card.appendChild(go);
    card.appendChild(message);
    show([card]);
  }

  function downloads(key) {
    var card = el('div', { 'class': 'card', id: 'downloads' }, [el('h2', { text: t('download') })]);
    var result = el('div', { id: 'download-result' });
    [['dicom', 'downloadDicom'], ['jpeg', 'downloadJpeg']].forEach(function (f) {
      var b = el('button', { type: 'button', 'class': 'secondary', id: 'download-' + f[0], text: t(f[1]) });
      b.onclick = function () {
        b.disabled = true;
        request('POST', '/studies/' + encodeURIComponent(key) + '/downloads', { format: f[0] }).then(function (r) {
          b.disabled = false;
          if (r.status !== 201) { result.textContent = t('error'); return; }
          var d = r.body;
          result.innerHTML = '';
          result.appendChild(el('dl', {}, [
            el('dt', { text: t('extraction') }), el('dd', { id: 'extraction-code', text: d.extractionCode }),
            el('dt', { text: t('validUntil') }), el('dd', { text: new Date(d.expiresAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en') }),
            el('dt', { text: t('size') }), el('dd', { id: 'download-size', text: d.approximateBytes == null ? '—' : (d.approximateBytes / 1048576).toFixed(1) + ' MB' }),
            el('dt', { text: t('downloadLink') }), el('dd', {}, [el('a', { id: 'download-link', href: d.url, text: location.origin + d.url })])
          ]));
          result.appendChild(el('p', { 'class': 'muted', text: t('downloadHint') }));
        });
      };
      card.appendChild(b);
    });
    card.appendChild(result);
    return card;
  }

  function countdown(button, seconds) {
    button.disabled = true;
    var left = seconds;
    var timer = setInterval(function () {
      left -= 1;
      button.textContent = left > 0 ? t('resend', { s: left }) : t('sendCode');
      if (left <= 0) { clearInterval(timer); button.disabled = false; }
    }, 1000);
  }

  function list() {
    request('GET', '/studies').then(function (r) {
      if (r.status !== 200) { stopped(r.body && r.body.state); return; }
      if (r.body.length === 1) { study(r.body[0].studyKey, false); return; }
      setState('list');
      var nodes = [el('h2', { text: t('studies') })];
      if (r.body.length === 0) { nodes.push(el('p', { 'class': 'muted', text: t('noStudies') })); }
      r.body.forEach(function (s) {
        var b = el('button', { 'class': 'study', type: 'button' }, [
          el('div', { text: s.modality + ' · ' + s.examItem }),
          el('div', { 'class': 'when', text: new Date(s.registeredAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en') + (s.campus ? ' · ' + s.campus : '') })
        ]);
        b.onclick = function () { study(s.studyKey, true); };
        nodes.push(b);
      });
      show(nodes);
    });
  }

  function study(key, canGoBack) {
    request('GET', '/studies/' + encodeURIComponent(key)).then(function (r) {
      if (r.status !== 200) { stopped(r.body && r.body.state); return; }
      var s = r.body, p = s.patient, nodes = [];
      if (canGoBack) { var back = el('button', { type: 'button', 'class': 'secondary', text: t('back') }); back.onclick = list; nodes.push(back); }
      var facts = el('dl', {}, [
        el('dt', { text: t('name') }), el('dd', { id: 'patient-name', text: p.name }),
        el('dt', { text: t('sex') }), el('dd', { text: t(p.sex) }),
        el('dt', { text: t('age') }), el('dd', { text: p.age == null ? '' : String(p.age) }),
        el('dt', { text: t('exam') }), el('dd', { text: s.modality + ' · ' + s.examItem }),
        el('dt', { text: t('time') }), el('dd', { text: new Date((s.report && s.report.examTime) || s.registeredAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en') })
      ]);
      if (s.campus) { facts.appendChild(el('dt', { text: t('campus') })); facts.appendChild(el('dd', { text: s.campus })); }
      nodes.push(el('div', { 'class': 'card' }, [facts]));
      var report = el('div', { 'class': 'card', id: 'report' }, [el('h2', { text: t('report') })]);
      if (s.report) {
        report.appendChild(el('h3', { text: t('findings') })); report.appendChild(el('div', { 'class': 'text', id: 'findings', text: s.report.findings }));
        report.appendChild(el('h3', { text: t('impression') })); report.appendChild(el('div', { 'class': 'text', id: 'impression', text: s.report.impression }));
        if (s.report.advice) { report.appendChild(el('h3', { text: t('advice') })); report.appendChild(el('div', { 'class': 'text', text: s.report.advice })); }
        if (s.report.reportingDoctor) { report.appendChild(el('p', { 'class': 'muted', text: t('doctor') + ': ' + s.report.reportingDoctor + (s.report.reviewingDoctor ? ' · ' + t('reviewer') + ': ' + s.report.reviewingDoctor : '') })); }
      } else {
        report.appendChild(el('p', { 'class': 'muted', text: t('noReport') }));
      }
      nodes.push(report);
      var images = el('div', { 'class': 'card', id: 'images' }, [el('h2', { text: t('images') })]);
      var viewerRoot = el('div', { id: 'viewer' });
      images.appendChild(viewerRoot);
      nodes.push(images);
      nodes.push(downloads(key));
      show(nodes);
      setState('study');
      var viewer = new window.CloudFilmViewer(viewerRoot, { base: api + '/studies/' + encodeURIComponent(key), t: t });
      window.cloudFilmViewer = viewer;
      viewer.load().then(null, function () { viewerRoot.innerHTML = ''; viewerRoot.appendChild(el('p', { 'class': 'muted', text: t('imagesLater') })); });
    });
  }

  document.getElementById('lang').onclick = function () {
    lang = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('cf.lang', lang);
    translateStatic();
    start();
  };
  translateStatic();
  start();
})();
