// Staff sign-in: posts the name and password, then goes back to the page that asked for it.
import { pageText } from '/page/language.js';
import { request } from '/page/api.js';
import { setPageState } from '/page/dom.js';

const { t } = pageText({
  name: ['用户名', 'User name'], password: ['密码', 'Password'], signIn: ['登录', 'Sign in'],
  wrong: ['用户名或密码不正确。', 'The name or password is not right.'], error: ['出错了，请稍后再试。', 'Something went wrong; try again.'],
});
// Only paths on this site: never send a signed-in user elsewhere. The cookie sign-in and the pages name it ReturnUrl.
function target() {
  const query = new URLSearchParams(location.search);
  const back = query.get('ReturnUrl') || query.get('returnUrl') || query.get('return') || '/';
  return back.charAt(0) === '/' && back.charAt(1) !== '/' && back.charAt(1) !== '\\' ? back : '/';
}
document.getElementById('form').addEventListener('submit', (e) => {
  e.preventDefault();
  const message = document.getElementById('message');
  const body = { name: document.getElementById('name').value, password: document.getElementById('password').value };
  request('POST', '/api/v1/staff/session', { body, signIn: false }).then(() => {
    setPageState('signed-in');
    location.href = target();
  }, (problem) => {
    message.textContent = problem.status === 401 ? t('wrong') : t('error');
    setPageState('failed');
  });
});
