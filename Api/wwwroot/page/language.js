// The page's language: Chinese or English. A page opens in the language the person chose last on this device (the
// language button), else in the browser's first preferred language that is Chinese or English, else in Chinese.
// Every page keeps its words in one dictionary of key: [Chinese, English].

const storageKey = 'cf.lang';
const legacyKeys = ['cf-lang']; // what the queue screens remembered before all pages shared one setting
const listeners = new Set();

/** 'zh' or 'en' from a saved choice, the browser's preferred languages, or Chinese. */
export function initialLanguage(saved = storedChoice(), preferred = navigator.languages || [navigator.language]) {
  if (saved === 'zh' || saved === 'en') {
    return saved;
  }
  for (const tag of preferred) {
    const primary = String(tag || '').toLowerCase().split('-')[0];
    if (primary === 'zh' || primary === 'en') {
      return primary;
    }
  }
  return 'zh';
}

function storedChoice() {
  try {
    return [storageKey, ...legacyKeys].map((key) => localStorage.getItem(key)).find(Boolean) || null;
  } catch {
    return null; // storage may be off (private mode in some phone browsers): the browser's language then
  }
}

let current = initialLanguage();

/** The page's language now: 'zh' or 'en'. */
export const language = () => current;

/** The language as a BCP 47 tag for <html lang>, dates and the Api's Accept-Language. */
export const languageTag = () => (current === 'en' ? 'en' : 'zh-CN');

/** Switches the language, remembers it on this device and tells every page part that listens. */
export function setLanguage(next) {
  current = next === 'en' ? 'en' : 'zh';
  try {
    localStorage.setItem(storageKey, current);
  } catch {
    // not remembered; the page still switches
  }
  document.documentElement.lang = languageTag();
  listeners.forEach((listener) => listener(current));
}

/** Calls listener(language) after every switch. */
export function onLanguageChange(listener) {
  listeners.add(listener);
}

/**
 * A page's words. dictionary: { key: ['中文', 'English'] } (either may be an array, e.g. weekday names).
 * t(key, { name: value }) fills {name} placeholders; an unknown key is shown as itself.
 * Applies itself at once and after each switch: <html lang>, the document title (key `title`), every
 * element with data-t="key", and the language button (#lang), which it wires to switch; then calls onChange.
 */
export function pageText(dictionary, { onChange } = {}) {
  const t = (key, values) => {
    const entry = Object.hasOwn(dictionary, key) ? dictionary[key] : null;
    let text = entry ? (current === 'en' && entry[1] !== undefined ? entry[1] : entry[0]) : key;
    for (const [name, value] of Object.entries(values || {})) {
      text = text.replace('{' + name + '}', value);
    }
    return text;
  };
  const apply = () => {
    document.documentElement.lang = languageTag();
    if (dictionary.title) {
      document.title = t('title');
    }
    document.querySelectorAll('[data-t]').forEach((node) => { node.textContent = t(node.dataset.t); });
    const button = document.getElementById('lang');
    if (button) {
      button.textContent = current === 'en' ? '中文' : 'EN';
      button.setAttribute('aria-label', current === 'en' ? '切换到中文' : 'Switch to English');
    }
  };
  onLanguageChange(() => {
    apply();
    if (onChange) {
      onChange(current);
    }
  });
  const button = document.getElementById('lang');
  if (button) {
    button.addEventListener('click', () => setLanguage(current === 'en' ? 'zh' : 'en'));
  }
  apply();
  return { t };
}
