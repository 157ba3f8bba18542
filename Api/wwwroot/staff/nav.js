// Links between the staff pages, in the page header after its title, in the page's language. The dispatch pages keep
// the pool they were opened with (?pool=), remembered for the way back from other pages.
import { language, onLanguageChange } from '/page/language.js';
import { el } from '/page/dom.js';

const pages = [
  { href: '/board', zh: '派单看板', en: 'Dispatch board', pooled: true },
  { href: '/board/manage', zh: '工位与排班', en: 'Stations & rosters', pooled: true },
  { href: '/worklist', zh: '我的工作列表', en: 'My worklist', pooled: true },
  { href: '/reconciliation', zh: '影像核对', en: 'Image reconciliation' },
];
let pool = new URLSearchParams(location.search).get('pool');
if (pool) {
  localStorage.setItem('cf.pool', pool);
} else {
  pool = localStorage.getItem('cf.pool');
}
const header = document.querySelector('header');
if (header) {
  const links = pages.map((page) => el('a', {
    href: page.pooled && pool ? page.href + '?pool=' + encodeURIComponent(pool) : page.href,
    'aria-current': location.pathname === page.href && 'page',
  }));
  const nav = el('nav', { class: 'staff-nav' }, links);
  const title = header.querySelector('h1');
  header.insertBefore(nav, title ? title.nextSibling : header.firstChild);
  const label = () => {
    nav.setAttribute('aria-label', language() === 'en' ? 'Staff pages' : '工作页面');
    links.forEach((a, i) => { a.textContent = pages[i][language()]; });
  };
  label();
  onLanguageChange(label);
}
