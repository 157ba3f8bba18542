// Calls to the CloudFilm Api, the same way on every page: JSON in and out, the page's language in Accept-Language
// (the Api words its problems in it), and one answer to each refusal:
// - 401 on a staff page: the sign-in page, which comes back here afterwards (the call never settles; the page is
//   leaving). Patient pages verify in their own way and get the 401 as a Problem (pass { signIn: false }).
// - any other 4xx/5xx, and no answer at all: a Problem (an Error) with the status, the problem's machine-readable
//   `code`, and a message for people: the problem's detail, else its title, else a sentence of our own.
import { languageTag } from './language.js';

const words = {
  forbidden: ['您的账号无权执行此操作。', 'Your account may not do this.'],
  offline: ['无法连接服务器，请稍后再试。', 'The server cannot be reached; try again shortly.'],
  failed: ['操作失败（{status}）。', 'That did not work ({status}).'],
};

function say(key, status) {
  return words[key][languageTag() === 'en' ? 1 : 0].replace('{status}', String(status));
}

/** A refused or failed call: status (0 when the server was not reached), code, title, detail, errors, the body. */
export class Problem extends Error {
  constructor(status, body) {
    const problem = body && typeof body === 'object' ? body : {};
    super(problem.detail || problem.title || (status === 0 ? say('offline') : status === 403 ? say('forbidden') : say('failed', status)));
    this.name = 'Problem';
    this.status = status;
    this.code = problem.code || null;
    this.title = problem.title || null;
    this.detail = problem.detail || null;
    this.errors = problem.errors || null;
    this.body = body;
  }

  get forbidden() { return this.status === 403; }
}

/** Where a staff page sends someone whose sign-in has ended, to come back to this very page. */
export function signInAddress() {
  return '/login?ReturnUrl=' + encodeURIComponent(location.pathname + location.search);
}

/**
 * Sends one request; resolves with the parsed JSON answer (null when there is none), rejects with a Problem.
 * options: body (sent as JSON), headers (added), signIn (false on patient pages: a 401 is a Problem there).
 */
export async function request(method, url, { body, headers, signIn = true } = {}) {
  let response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json, application/problem+json',
        'Accept-Language': languageTag(),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new Problem(0, null);
  }
  if (response.status === 401 && signIn) {
    location.assign(signInAddress());
    return new Promise(() => {});
  }
  const text = await response.text().catch(() => '');
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    throw new Problem(response.status, json);
  }
  return json;
}

export const getJson = (url, options) => request('GET', url, options);
export const postJson = (url, body, options) => request('POST', url, { ...options, body });
export const putJson = (url, body, options) => request('PUT', url, { ...options, body });
