"use strict";
// Caller console of one room: call next (顺呼), recall (复呼), missed (过号), complete, pause; select (选呼) or
// transfer a waiting patient; return a missed patient. Every click carries its own Idempotency-Key, so a
// double click or a retried request acts once.
(() => {
  const text = QueueText({
    zh: { console: "叫号控制台", connecting: "连接中", online: "在线", offline: "离线", denied: "请先登录", current: "当前患者",
      callNext: "顺呼", recall: "复呼", missed: "过号", complete: "完成", pause: "暂停", resume: "恢复", waiting: "候诊",
      missedList: "过号", select: "选呼", back: "回队", transfer: "转诊室", none: "—", empty: "无人候诊" },
    en: { console: "Caller console", connecting: "Connecting", online: "Online", offline: "Offline", denied: "Please sign in", current: "Current patient",
      callNext: "Call next", recall: "Recall", missed: "Missed", complete: "Done", pause: "Pause", resume: "Resume", waiting: "Waiting",
      missedList: "Missed", select: "Call", back: "Return", transfer: "To room", none: "—", empty: "Nobody waiting" },
  });
  const roomId = decodeURIComponent(location.pathname.split("/").pop());
  const queueId = new URLSearchParams(location.search).get("queue");
  const base = `/api/v1/queues/${encodeURIComponent(queueId)}`;
  let snapshot = null;
  // Staff see full names (to check identity at the door); public screens never do. Refreshed per revision.
  let names = new Map();
  let namesRevision = -1;

  async function loadNames() {
    if (!snapshot || namesRevision === snapshot.revision) return;
    const revision = snapshot.revision;
    const response = await fetch(base + "/tickets");
    if (!response.ok) return;
    names = new Map((await response.json()).map((t) => [t.number, t.patientName]));
    namesRevision = revision;
    render();
  }

  const nameOf = (t) => names.get(t.number) || t.maskedName;

  function setState(state) {
    document.body.dataset.state = state;
    document.getElementById("status").textContent = text.t(state);
    if (state === "denied") document.getElementById("message").replaceChildren(el("a", { href: "/login?return=" + encodeURIComponent(location.pathname + location.search) }, text.t("denied")));
  }

  async function command(path, body) {
    document.querySelectorAll("button").forEach((b) => { b.disabled = true; });
    try {
      const response = await fetch(base + path, {
        method: "POST",
        headers: { "Idempotency-Key": crypto.randomUUID(), ...(body ? { "Content-Type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      document.getElementById("message").textContent = response.ok ? "" : ((await response.json()).detail || response.statusText);
    } finally {
      document.querySelectorAll("button").forEach((b) => { b.disabled = false; });
    }
  }

  function render() {
    const room = snapshot.rooms.find((r) => r.room.roomId === roomId);
    document.getElementById("room").textContent = room ? room.room.name : roomId;
    document.getElementById("current").textContent = room && room.current ? `${room.current.displayNumber} ${nameOf(room.current)}` : text.t("none");
    const pause = document.getElementById("pause");
    pause.textContent = text.t(room && room.paused ? "resume" : "pause");
    pause.dataset.paused = room && room.paused ? "true" : "false";
    const others = snapshot.rooms.filter((r) => r.room.roomId !== roomId);
    const rows = snapshot.waiting.filter((t) => !t.roomId || t.roomId === roomId).map((t) => {
      const select = el("button", { "data-number": t.number }, text.t("select"));
      select.onclick = () => command(`/rooms/${roomId}/select`, { number: t.number });
      const transfer = el("select", {}, el("option", { value: "" }, text.t("transfer")), ...others.map((r) => el("option", { value: r.room.roomId }, r.room.name)));
      transfer.onchange = () => transfer.value && command(`/tickets/${t.number}/transfer`, { roomId: transfer.value });
      return el("tr", {}, el("td", {}, t.displayNumber), el("td", { class: "name" }, nameOf(t)), el("td", {}, select, " ", others.length ? transfer : ""));
    });
    document.getElementById("waiting").replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", {}, text.t("empty")))]));
    document.getElementById("missedList").replaceChildren(...snapshot.missed.map((t) => {
      const back = el("button", {}, text.t("back"));
      back.onclick = () => command(`/tickets/${t.number}/return`);
      return el("tr", {}, el("td", {}, t.displayNumber), el("td", { class: "name" }, nameOf(t)), el("td", {}, back));
    }));
    document.body.dataset.revision = String(snapshot.revision);
    loadNames();
  }

  const live = new QueueLive("/hubs/queues", {
    onState: setState,
    onEvent: (e) => { if (e.snapshot && (!snapshot || e.snapshot.revision >= snapshot.revision)) { snapshot = e.snapshot; render(); } },
    onJoin: async (link) => { snapshot = await link.invoke("JoinQueue", queueId); render(); },
  });
  document.getElementById("call-next").onclick = () => command(`/rooms/${roomId}/call-next`);
  document.getElementById("recall").onclick = () => command(`/rooms/${roomId}/recall`);
  document.getElementById("missed").onclick = () => command(`/rooms/${roomId}/missed`);
  document.getElementById("complete").onclick = () => command(`/rooms/${roomId}/complete`);
  document.getElementById("pause").onclick = (e) => command(`/rooms/${roomId}/${e.target.dataset.paused === "true" ? "resume" : "pause"}`);
  document.getElementById("lang").onclick = () => { text.toggle(); if (snapshot) render(); };
  text.apply();
  live.start();
})();
