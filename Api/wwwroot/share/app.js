// The patient's cloud film page: verification, the list of studies, one study with its report.
// Plain JavaScript, no framework: it must open fast on a phone in any browser, WeChat's included.
// The patient proves who they are here (SMS code, ID card digits, access code): a 401 is a wrong code, never the
// staff sign-in page.
import { el, setPageState } from '/page/dom.js';
import { languageTag, pageText } from '/page/language.js';
import { request } from '/page/api.js';
import { CloudFilmViewer } from './viewer.js';

const token = decodeURIComponent(location.pathname.split('/')[2] || '');
const api = '/api/v1/share/' + encodeURIComponent(token);
const main = document.getElementById('main');
const { t } = pageText({
  title: ['云胶片', 'Cloud film'],
  loading: ['正在加载…', 'Loading…'],
  notice: ['云胶片供患者查看和转交医生参考，不作为诊断依据。', 'The cloud film is for patients to view and share with doctors; it is not a basis for diagnosis.'],
  verifyTitle: ['身份验证', 'Verify it is you'],
  smsHint: ['验证码将发送到登记的手机号 {phone}', 'A code will be sent to the phone on file, {phone}'],
  sendCode: ['获取验证码', 'Send code'],
  resend: ['{s} 秒后可重新获取', 'Resend in {s} s'],
  code: ['短信验证码', 'SMS code'],
  idDigits: ['身份证号后几位', 'Last digits of your ID card'],
  accessCode: ['访问码', 'Access code'],
  verify: ['验证并查看', 'Verify and view'],
  wrong: ['验证码不正确，还可尝试 {n} 次', 'That is not right; {n} attempts left'],
  locked: ['错误次数过多，请稍后再试。', 'Too many wrong attempts. Please try again later.'],
  expired: ['链接已过期。', 'This link has expired.'],
  revoked: ['链接已被撤回。', 'This link was withdrawn.'],
  unknown: ['链接无效。', 'This link is not valid.'],
  hours: ['当前时间不可查看。', 'This link cannot be opened at this time.'],
  studies: ['我的检查', 'My examinations'],
  noStudies: ['暂无检查。', 'No examinations yet.'],
  back: ['返回', 'Back'],
  report: ['检查报告', 'Report'],
  findings: ['检查所见', 'Findings'],
  impression: ['诊断结论', 'Impression'],
  advice: ['建议', 'Advice'],
  doctor: ['报告医生', 'Reported by'],
  reviewer: ['审核医生', 'Reviewed by'],
  noReport: ['报告尚未发布。', 'The report is not published yet.'],
  images: ['影像', 'Images'],
  imagesLater: ['影像正在整理，稍后可在此查看。', 'The images are being prepared and will appear here.'],
  name: ['姓名', 'Name'],
  sex: ['性别', 'Sex'],
  age: ['年龄', 'Age'],
  exam: ['检查项目', 'Examination'],
  time: ['检查时间', 'Date'],
  campus: ['院区', 'Campus'],
  M: ['男', 'Male'],
  F: ['女', 'Female'],
  O: ['其他', 'Other'],
  U: ['未知', 'Unknown'],
  noImages: ['暂无影像。', 'No images yet.'],
  preset_default: ['默认', 'Default'],
  preset_lung: ['肺窗', 'Lung'],
  preset_mediastinum: ['纵隔窗', 'Mediastinum'],
  preset_bone: ['骨窗', 'Bone'],
  preset_brain: ['脑窗', 'Brain'],
  preset_abdomen: ['腹部窗', 'Abdomen'],
  modeScroll: ['翻页', 'Scroll'],
  modeWindow: ['调窗', 'Window'],
  modePan: ['移动', 'Pan'],
  cine: ['播放', 'Play'],
  download: ['下载', 'Download'],
  downloadDicom: ['下载原始影像（DICOM）', 'Download original images (DICOM)'],
  downloadJpeg: ['下载图片（JPEG）', 'Download pictures (JPEG)'],
  extraction: ['提取码', 'Extraction code'],
  validUntil: ['有效期至', 'Valid until'],
  size: ['文件大小约', 'Size about'],
  downloadLink: ['下载链接', 'Download link'],
  downloadHint: ['凭提取码在下载页面下载；可将链接和提取码分别发给医生。', 'Download on the download page with the code; you may send the link and the code to a doctor separately.'],
  sent: ['验证码已发送到 {phone}', 'A code was sent to {phone}'],
  error: ['出错了，请稍后再试。', 'Something went wrong; please try again.'],
}, { onChange: () => start() });

const send = (method, path, body) => request(method, api + path, { body, signIn: false });
// Why the link cannot be used now, from a refusal's body (or 'error' when the server was not reached).
const stateOf = (problem) => (problem.status === 0 ? 'error' : problem.body && problem.body.state);
const when = (iso) => new Date(iso).toLocaleString(languageTag());
function show(nodes) { main.replaceChildren(...nodes); }
function stopped(state) {
  const key = { locked: 'locked', expired: 'expired', revoked: 'revoked', 'outside-viewing-hours': 'hours' }[state] || 'unknown';
  setPageState(state || 'unknown');
  show([el('div', { class: 'card' }, el('p', { class: 'error', text: t(key) }))]);
}

function start() {
  send('GET', '/').then((status) => {
    if (status.state === 'open') { list(); return; }
    if (status.state !== 'needs-verification') { stopped(status.state); return; }
    verification(status);
  }, (problem) => stopped(stateOf(problem)));
}

function verification(status) {
  setPageState('verify');
  const card = el('div', { class: 'card' }, el('h2', { text: t('verifyTitle') }));
  const message = el('p', { class: 'muted', id: 'message' });
  let code = null;
  let access = null;
  if (status.verification === 'sms') {
    card.appendChild(el('p', { class: 'muted', text: t('smsHint', { phone: status.phone || '' }) }));
    const sendCode = el('button', { type: 'button', class: 'secondary', id: 'send-code', text: t('sendCode') });
    sendCode.onclick = () => {
      sendCode.disabled = true;
      send('POST', '/code').then((sent) => {
        message.textContent = t('sent', { phone: sent.phone });
        countdown(sendCode, 60);
      }, (problem) => {
        if (problem.status === 429) { countdown(sendCode, (problem.body && problem.body.retryAfterSeconds) || 60); return; }
        sendCode.disabled = false;
        message.textContent = t('error');
      });
    };
    code = el('input', { id: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '6' });
    card.append(sendCode, el('label', { for: 'code', text: t('code') }), code);
  } else if (status.verification === 'id-card-digits') {
    code = el('input', { id: 'code', maxlength: '6' });
    card.append(el('label', { for: 'code', text: t('idDigits') }), code);
  }
  if (status.needsAccessCode) {
    access = el('input', { id: 'access-code', maxlength: '12' });
    card.append(el('label', { for: 'access-code', text: t('accessCode') }), access);
  }
  const go = el('button', { type: 'button', class: 'primary', id: 'verify', text: t('verify') });
  go.onclick = () => {
    go.disabled = true;
    send('POST', '/verify', { code: code ? code.value.trim() : null, accessCode: access ? access.value.trim() : null }).then(() => {
      go.disabled = false;
      list();
    }, (problem) => {
      go.disabled = false;
      if (problem.status === 401) { message.textContent = t('wrong', { n: problem.body ? problem.body.attemptsLeft : '' }); message.className = 'error'; return; }
      stopped(stateOf(problem));
    });
  };
  card.append(go, message);
  show([card]);
}

function downloads(key) {
  const result = el('div', { id: 'download-result' });
  const buttons = [['dicom', 'downloadDicom'], ['jpeg', 'downloadJpeg']].map(([format, label]) => {
    const b = el('button', { type: 'button', class: 'secondary', id: 'download-' + format, text: t(label) });
    b.onclick = () => {
      b.disabled = true;
      send('POST', '/studies/' + encodeURIComponent(key) + '/downloads', { format }).then((d) => {
        b.disabled = false;
        result.replaceChildren(
          el('dl', {},
            el('dt', { text: t('extraction') }), el('dd', { id: 'extraction-code', text: d.extractionCode }),
            el('dt', { text: t('validUntil') }), el('dd', { text: when(d.expiresAt) }),
            el('dt', { text: t('size') }), el('dd', { id: 'download-size', text: d.approximateBytes == null ? '—' : (d.approximateBytes / 1048576).toFixed(1) + ' MB' }),
            el('dt', { text: t('downloadLink') }), el('dd', {}, el('a', { id: 'download-link', href: d.url, text: location.origin + d.url }))),
          el('p', { class: 'muted', text: t('downloadHint') }));
      }, () => {
        b.disabled = false;
        result.textContent = t('error');
      });
    };
    return b;
  });
  return el('div', { class: 'card', id: 'downloads' }, el('h2', { text: t('download') }), buttons, result);
}

function countdown(button, seconds) {
  button.disabled = true;
  let left = seconds;
  const timer = setInterval(() => {
    left -= 1;
    button.textContent = left > 0 ? t('resend', { s: left }) : t('sendCode');
    if (left <= 0) { clearInterval(timer); button.disabled = false; }
  }, 1000);
}

function list() {
  send('GET', '/studies').then((studies) => {
    if (studies.length === 1) { study(studies[0].studyKey, false); return; }
    setPageState('list');
    show([
      el('h2', { text: t('studies') }),
      studies.length === 0 && el('p', { class: 'muted', text: t('noStudies') }),
      ...studies.map((s) => {
        const b = el('button', { class: 'study', type: 'button' },
          el('div', { text: s.modality + ' · ' + s.examItem }),
          el('div', { class: 'when', text: when(s.registeredAt) + (s.campus ? ' · ' + s.campus : '') }));
        b.onclick = () => study(s.studyKey, true);
        return b;
      }),
    ].filter(Boolean));
  }, (problem) => stopped(stateOf(problem)));
}

function report(r) {
  const card = el('div', { class: 'card', id: 'report' }, el('h2', { text: t('report') }));
  if (!r) {
    card.append(el('p', { class: 'muted', text: t('noReport') }));
    return card;
  }
  card.append(
    el('h3', { text: t('findings') }), el('div', { class: 'text', id: 'findings', text: r.findings }),
    el('h3', { text: t('impression') }), el('div', { class: 'text', id: 'impression', text: r.impression }));
  if (r.advice) { card.append(el('h3', { text: t('advice') }), el('div', { class: 'text', text: r.advice })); }
  if (r.reportingDoctor) {
    card.append(el('p', { class: 'muted', text: t('doctor') + ': ' + r.reportingDoctor + (r.reviewingDoctor ? ' · ' + t('reviewer') + ': ' + r.reviewingDoctor : '') }));
  }
  return card;
}

function study(key, canGoBack) {
  send('GET', '/studies/' + encodeURIComponent(key)).then((s) => {
    const p = s.patient;
    const back = canGoBack && el('button', { type: 'button', class: 'secondary', text: t('back') });
    if (back) { back.onclick = list; }
    const facts = el('dl', {},
      el('dt', { text: t('name') }), el('dd', { id: 'patient-name', text: p.name }),
      el('dt', { text: t('sex') }), el('dd', { text: t(p.sex) }),
      el('dt', { text: t('age') }), el('dd', { text: p.age == null ? '' : String(p.age) }),
      el('dt', { text: t('exam') }), el('dd', { text: s.modality + ' · ' + s.examItem }),
      el('dt', { text: t('time') }), el('dd', { text: when((s.report && s.report.examTime) || s.registeredAt) }),
      s.campus && el('dt', { text: t('campus') }), s.campus && el('dd', { text: s.campus }));
    const viewerRoot = el('div', { id: 'viewer' });
    show([back, el('div', { class: 'card' }, facts), report(s.report), el('div', { class: 'card', id: 'images' }, el('h2', { text: t('images') }), viewerRoot), downloads(key)].filter(Boolean));
    setPageState('study');
    const viewer = new CloudFilmViewer(viewerRoot, { base: api + '/studies/' + encodeURIComponent(key), t });
    window.cloudFilmViewer = viewer;
    viewer.load().then(null, () => viewerRoot.replaceChildren(el('p', { class: 'muted', text: t('imagesLater') })));
  }, (problem) => stopped(stateOf(problem)));
}

start();
