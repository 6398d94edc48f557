/* Frontline chat widget. One tag on any intranet page:
 *   <script src="https://frontline.example/widget.js" data-token="TOKEN" defer></script>
 * Vanilla JS, no build step. It talks to the origin it was loaded from, renders inside a
 * shadow root (host styles neither leak in nor out), and never parses untrusted text as HTML:
 * every string reaches the page through textContent / Text nodes. */
(function () {
  "use strict";
  const script = document.currentScript;
  if (!script || !window.customElements || customElements.get("frontline-chat")) return;

  const ORIGIN = new URL(script.src, document.baseURI).origin, TOKEN = script.dataset.token || "";
  const LANG = /^zh/i.test(script.dataset.lang || document.documentElement.lang || navigator.language || "") ? "zh" : "en";
  const IDLE_TIMEOUT_MS = 45000; // the server pings every 15 s; silence this long is a dropped stream

  const TEXT = {
    en: {
      launcher: "Ask Frontline", title: "Frontline assistant", close: "Close assistant",
      input: "Your question", placeholder: "Ask about a client or a playbook… (Shift+Enter for a new line)",
      send: "Send", thinking: "Thinking…", you: "You", bot: "Frontline", log: "Conversation",
      sources: "Sources", doc: "Document", section: "Section", effective: "Effective", score: "Relevance",
      stale: "Past its review date — check for a newer version.", clients: "Clients", tier: "Tier",
      actions: "Recommended actions", due: "Due", playbook: "Playbook", refused: "Declined",
      feedback: "Was this answer helpful?", up: "Helpful", down: "Not helpful",
      thanks: "Thanks for the feedback.", fbFailed: "Could not send the feedback.",
      dropped: "The connection dropped before the answer was complete.",
      failed: "Something went wrong while answering.", retry: "Retry",
      unauthorized: "Your sign-in has expired. Reload the page to continue.",
      rateLimited: (s) => `Too many questions in a short time. Try again in ${s} s.`,
      tooLong: "That question is too long. Please shorten it.", empty: "Ask a question to start.",
      downloads: "Downloads", download: "Download", downloadFailed: "The download failed.",
      chartFailed: "The chart could not be drawn:",
      dataAsOf: (d) => `Client data as of ${d}`,
    },
    zh: {
      launcher: "问 Frontline", title: "Frontline 助手", close: "关闭助手",
      input: "你的问题", placeholder: "询问客户或服务手册…（Shift+Enter 换行）",
      send: "发送", thinking: "正在思考…", you: "我", bot: "Frontline", log: "对话记录",
      sources: "参考来源", doc: "文档", section: "章节", effective: "生效日期", score: "相关度",
      stale: "已过复核日期，请确认是否有新版本。", clients: "客户", tier: "层级",
      actions: "建议行动", due: "截止", playbook: "手册", refused: "已拒绝",
      feedback: "这个回答有帮助吗？", up: "有帮助", down: "没有帮助",
      thanks: "感谢反馈。", fbFailed: "反馈发送失败。",
      dropped: "连接在回答完成前中断了。", failed: "回答时出现问题。", retry: "重试",
      unauthorized: "登录已过期，请刷新页面。",
      rateLimited: (s) => `提问过于频繁，请 ${s} 秒后再试。`,
      tooLong: "问题太长，请精简后再发送。", empty: "输入问题开始对话。",
      downloads: "下载", download: "下载", downloadFailed: "下载失败。",
      chartFailed: "图表未能显示：",
      dataAsOf: (d) => `客户数据截至 ${d}`,
    },
  }[LANG];

  const CSS = `
:host{all:initial!important;display:block!important;position:fixed!important;right:20px!important;bottom:20px!important;z-index:2147483000!important;font:14px/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif!important;color:#1f2329!important}
*,*::before,*::after{box-sizing:border-box}[hidden]{display:none!important}button,textarea{font:inherit;color:inherit}
:focus-visible{outline:3px solid #c55a00;outline-offset:2px}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.launcher{display:inline-flex;align-items:center;gap:6px;border:0;border-radius:24px;padding:10px 18px;background:#0b5cad;color:#fff;font-weight:600;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}
.panel{position:absolute;right:0;bottom:56px;width:min(400px,calc(100vw - 40px));height:min(600px,calc(100vh - 100px));display:flex;flex-direction:column;background:#fff;border:1px solid #c9ced6;border-radius:12px;box-shadow:0 10px 30px rgba(0,0,0,.25);overflow:hidden}
.head{display:flex;align-items:center;justify-content:space-between;padding:10px 14px;background:#0b3d6e;color:#fff}
.head h2{margin:0;font-size:16px}
.x{border:0;background:transparent;color:#fff;font-size:20px;line-height:1;padding:4px 8px;cursor:pointer;border-radius:4px}
.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:10px;background:#f5f6f8}
.hint{color:#4a5361;margin:auto;text-align:center}.msg{max-width:92%;padding:8px 12px;border-radius:10px;word-wrap:break-word}
.msg>.who{display:block;font-size:12px;font-weight:600;color:#4a5361;margin-bottom:2px}
.user{align-self:flex-end;background:#dbe9f8;white-space:pre-wrap}.bot{align-self:flex-start;background:#fff;border:1px solid #d9dde3}
.body p{margin:0 0 6px}.body ul,.body ol{margin:0 0 6px;padding-left:20px}.body h3,.body h4{font-size:15px;margin:6px 0 4px}
code{font-family:ui-monospace,Consolas,monospace;background:#eef0f3;padding:0 3px;border-radius:3px}.status{color:#4a5361;font-style:italic}.as-of{color:#4a5361;font-size:12px;margin:4px 0 0}
.ref{border:0;background:none;color:#0b5cad;padding:0 1px;cursor:pointer;font-size:12px;vertical-align:super;text-decoration:underline}
.extra{margin-top:8px;border-top:1px solid #e3e6ea;padding-top:6px}.extra h4{margin:0 0 4px;font-size:13px;color:#1f2329}
.extra ol,.extra ul{margin:0;padding-left:20px}.chart{margin:0 0 8px}.chart figcaption{font-size:13px;font-weight:600;margin-bottom:4px}.chart svg:focus{outline:2px solid #1f5fa8;outline-offset:2px}
.extra ol,.extra ul{margin:0;padding-left:20px}.extra .plain{list-style:none;padding-left:0}
.cite,.dl{border:0;background:none;padding:2px 0;color:#0b5cad;cursor:pointer;text-align:left;text-decoration:underline}
.detail{margin:2px 0 6px;padding:6px 8px;background:#f5f6f8;border-radius:6px;font-size:13px}
.detail dl{margin:0}.detail dt{font-weight:600;display:inline}.detail dd{display:inline;margin:0 8px 0 4px}.warn{color:#8a4b00}
.card{border:1px solid #d9dde3;border-radius:8px;padding:6px 10px;margin-bottom:6px}
.card .name{font-weight:600}.tier{margin-left:6px;padding:0 6px;border-radius:8px;background:#e6f0fa;color:#0b3d6e;font-size:12px}
.meta{color:#4a5361;font-size:13px}.refused{color:#8a4b00;font-weight:600}.fb{display:flex;align-items:center;gap:6px;margin-top:6px}
.fb button{border:1px solid #c9ced6;background:#fff;border-radius:14px;padding:2px 10px;cursor:pointer}
.fb button[aria-pressed="true"]{background:#dbe9f8;border-color:#0b5cad}.fb-note{font-size:12px;color:#4a5361}
.notice{margin-top:6px;color:#9b1c1c;display:flex;gap:8px;align-items:center;flex-wrap:wrap}
.notice button,.send{border:0;border-radius:6px;padding:6px 14px;background:#0b5cad;color:#fff;cursor:pointer}
.send[disabled]{background:#5f6b7a;cursor:wait}form{display:flex;gap:8px;padding:10px;border-top:1px solid #d9dde3;background:#fff}
textarea{flex:1;resize:none;min-height:44px;max-height:120px;padding:6px 8px;border:1px solid #8a94a3;border-radius:6px;background:#fff}
`;

  // --- DOM helpers: text only, never HTML -------------------------------------------
  function el(tag, cls, text, attrs) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = String(text);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    return node;
  }

  /* Markdown-ish: headings, bullet / numbered lists, paragraphs, **bold**, `code`, [n], links.
     Links reach the widget only to hosts the server allows (it removes the rest); an http(s)
     link becomes an anchor that opens apart from this page, anything else stays text. Images
     are never rendered. */
  function renderRich(parent, text, citeRef) {
    parent.replaceChildren();
    let list = null, para = null, m;
    for (const raw of String(text).split("\n")) {
      const line = raw.trimEnd();
      if (!line.trim()) { list = para = null; continue; }
      if ((m = /^(#{1,4})\s+(.*)$/.exec(line))) {
        list = para = null;
        parent.append(inline(el(m[1].length <= 2 ? "h3" : "h4"), m[2], citeRef));
      } else if ((m = /^\s*(?:[-*•]|(\d+)[.)])\s+(.*)$/.exec(line))) {
        const tag = m[1] ? "ol" : "ul";
        if (!list || list.localName !== tag) parent.append((list = el(tag)));
        para = null;
        list.append(inline(el("li"), m[2], citeRef));
      } else {
        list = null;
        if (para) para.append(el("br")); else parent.append((para = el("p")));
        inline(para, line, citeRef);
      }
    }
  }

  function link(label, href) {
    let url;
    try { url = new URL(href); } catch (_) { return label; }
    if (url.protocol !== "https:" && url.protocol !== "http:") return label;
    return el("a", null, label, { href: url.href, rel: "noopener noreferrer", target: "_blank" });
  }

  function inline(parent, text, citeRef) {
    const re = /\*\*(.+?)\*\*|`([^`]+)`|!\[([^\]]*)\]\([^)]*\)|\[(\d{1,2})\](?!\()|\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g;
    let last = 0, m;
    while ((m = re.exec(text))) {
      if (m.index > last) parent.append(text.slice(last, m.index));
      if (m[1] !== undefined) parent.append(el("strong", null, m[1]));
      else if (m[2] !== undefined) parent.append(el("code", null, m[2]));
      else if (m[3] !== undefined) parent.append(m[3]);  // an image: its alt text, never the image
      else if (m[5] !== undefined) parent.append(link(m[5], m[6]));
      else parent.append((citeRef && citeRef(Number(m[4]))) || m[0]);
      last = re.lastIndex;
    }
    if (last < text.length) parent.append(text.slice(last));
    return parent;
  }

  // --- transport ------------------------------------------------------------------------
  class ChatError extends Error {
    constructor(code, message, retryAfter) { super(message || code); this.code = code; this.retryAfter = retryAfter || 0; }
  }

  function post(path, body, signal) {
    return fetch(ORIGIN + path, {
      method: "POST", mode: "cors", credentials: "omit", cache: "no-store", signal,
      headers: { "Authorization": "Bearer " + TOKEN, "Content-Type": "application/json", "X-Frontline-Client": "widget" },
      body: JSON.stringify(body),
    });
  }

  async function errorFrom(res) {
    let code = "http_" + res.status, message = "";
    try { const e = (await res.json()).error; code = e.code || code; message = e.message || ""; } catch (_) { /* not JSON */ }
    return new ChatError(code, message, Number(res.headers.get("Retry-After")) || 0);
  }

  function parseEvent(block) {
    let event = "message"; const data = [];
    for (const line of block.split("\n")) {
      if (!line || line[0] === ":") continue; // comments are keep-alive pings
      const c = line.indexOf(":"), field = c < 0 ? line : line.slice(0, c);
      const value = c < 0 ? "" : line.slice(c + 1).replace(/^ /, "");
      if (field === "event") event = value; else if (field === "data") data.push(value);
    }
    if (!data.length) return null;
    try { return { event, data: JSON.parse(data.join("\n")) }; } catch (_) { return null; }
  }

  /* POST the question and read server-sent events off the response body (fetch, not
   * EventSource: EventSource cannot send the Authorization header). */
  async function streamChat(body, on) {
    const ctl = new AbortController();
    let timer = setTimeout(() => ctl.abort(), IDLE_TIMEOUT_MS);
    const alive = () => { clearTimeout(timer); timer = setTimeout(() => ctl.abort(), IDLE_TIMEOUT_MS); };
    let res, reader;
    try {
      res = await post("/v1/chat/stream", body, ctl.signal);
      if (!res.ok || !res.body) throw await errorFrom(res);
      reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buf = "", i;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        alive();
        buf = (buf + decoder.decode(value, { stream: true })).replace(/\r\n|\r(?!$)/g, "\n");
        while ((i = buf.indexOf("\n\n")) >= 0) {
          const ev = parseEvent(buf.slice(0, i));
          buf = buf.slice(i + 2);
          if (!ev) continue;
          if (ev.event === "answer") return on.answer(ev.data);
          if (ev.event === "error") throw new ChatError((ev.data.error || {}).code || "server_error", (ev.data.error || {}).message);
          if (ev.event === "delta") on.delta(String(ev.data.text || ""));
          if (ev.event === "status") on.status(String(ev.data.text || ""));
        }
      }
      throw new ChatError("dropped");
    } catch (e) {
      throw e instanceof ChatError ? e : new ChatError("dropped");
    } finally {
      clearTimeout(timer);
      if (reader) reader.cancel().catch(() => {});
    }
  }

  // --- the element ----------------------------------------------------------------------
  let seq = 0;

  class FrontlineChat extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      this.conversationId = null; this.busy = false;
      const root = this.attachShadow({ mode: "open" });
      if ("adoptedStyleSheets" in root && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
        const sheet = new CSSStyleSheet(); sheet.replaceSync(CSS); root.adoptedStyleSheets = [sheet];
      } else {
        root.append(el("style", null, CSS)); // constructable sheets also pass strict host CSPs
      }
      this.launcher = el("button", "launcher", null, { type: "button", "aria-expanded": "false", "aria-controls": "fl-panel" });
      this.launcher.append(el("span", null, "💬", { "aria-hidden": "true" }), el("span", null, TEXT.launcher));
      this.panel = el("div", "panel", null, { id: "fl-panel", role: "dialog", "aria-labelledby": "fl-title" });
      this.panel.hidden = true;
      const head = el("div", "head");
      const close = el("button", "x", "×", { type: "button", "aria-label": TEXT.close });
      head.append(el("h2", null, TEXT.title, { id: "fl-title" }), close);
      this.log = el("div", "log", null, { role: "log", "aria-live": "polite", "aria-label": TEXT.log, tabindex: "0" });
      this.log.append(el("p", "hint", TEXT.empty));
      const form = el("form");
      this.input = el("textarea", null, null, { id: "fl-input", rows: "2", placeholder: TEXT.placeholder, maxlength: "4000" });
      this.sendBtn = el("button", "send", TEXT.send, { type: "submit" });
      form.append(el("label", "sr-only", TEXT.input, { for: "fl-input" }), this.input, this.sendBtn);
      this.panel.append(head, this.log, form);
      root.append(this.panel, this.launcher);

      this.launcher.addEventListener("click", () => (this.panel.hidden ? this.open() : this.close()));
      close.addEventListener("click", () => this.close());
      this.panel.addEventListener("keydown", (e) => { if (e.key === "Escape") { e.preventDefault(); this.close(); } });
      form.addEventListener("submit", (e) => { e.preventDefault(); this.send(); });
      this.input.addEventListener("keydown", (e) => {
        // isComposing: Enter that confirms a Chinese IME candidate must not send.
        if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); this.send(); }
      });
    }

    open() { this.panel.hidden = false; this.launcher.setAttribute("aria-expanded", "true"); this.input.focus(); }

    close() { this.panel.hidden = true; this.launcher.setAttribute("aria-expanded", "false"); this.launcher.focus(); }

    send() {
      const text = this.input.value.trim();
      if (!text || this.busy) return;
      this.input.value = "";
      this.submit(text);
    }

    /* The brief panel's "draft it": the draft request asked as if the RM had typed it. While
       an answer is still streaming the request waits in the input for the RM to send. */
    draft(text) {
      this.open();
      if (this.busy) { this.input.value = text; return; }
      this.submit(text);
    }

    submit(text) {
      this.log.querySelector(".hint")?.remove();
      const msg = el("div", "msg user");
      msg.append(el("span", "who sr-only", TEXT.you + ": "), text);
      this.log.append(msg);
      this.ask(text);
    }

    async ask(text) {
      this.busy = true;
      this.sendBtn.disabled = true;
      const msg = this.addBotMessage();
      let partial = "";
      try {
        await streamChat({ message: text, conversation_id: this.conversationId, language: null }, {
          status: (t) => { msg.status.textContent = t; },
          delta: (t) => { partial += t; renderRich(msg.body, partial); this.scroll(); },
          answer: (a) => this.finish(msg, a),
        });
      } catch (e) {
        this.fail(msg, text, e);
      } finally {
        this.busy = false;
        this.sendBtn.disabled = false;
        this.log.setAttribute("aria-busy", "false");
        this.scroll();
      }
    }

    addBotMessage() {
      const node = el("div", "msg bot");
      const msg = { node, body: el("div", "body"), status: el("p", "status", TEXT.thinking), id: "m" + ++seq };
      node.append(el("span", "who", TEXT.bot), msg.status, msg.body);
      this.log.setAttribute("aria-busy", "true");
      this.log.append(node);
      this.scroll();
      return msg;
    }

    finish(msg, answer) {
      this.conversationId = answer.conversation_id || this.conversationId;
      msg.status.remove();
      const cites = renderCitations(msg, answer.citations || []);
      renderRich(msg.body, answer.text || "", (n) => cites[n] && cites[n].ref());
      if (answer.refused) msg.body.prepend(el("p", "refused", TEXT.refused));
      if ((answer.cards || []).length) msg.node.append(renderCards(answer.cards));
      if ((answer.actions || []).length) msg.node.append(renderActions(answer.actions));
      if ((answer.documents || []).length) msg.node.append(renderDocuments(answer.documents));
      if ((answer.charts || []).length) msg.node.append(renderCharts(answer));
      if (cites.section) msg.node.append(cites.section);
      // Balances and contacts are the extract's: say of which day (a playbook answer has none).
      if (answer.data_as_of) msg.node.append(el("p", "as-of", TEXT.dataAsOf(answer.data_as_of)));
      msg.node.append(renderFeedback(answer));
    }

    fail(msg, text, err) {
      msg.status.remove();
      const notice = el("div", "notice", null, { role: "alert" });
      const retryable = !["unauthorized", "invalid_token", "message_too_long", "empty_message", "payload_too_large"].includes(err.code);
      notice.append(el("span", null, describe(err)));
      msg.node.append(notice);
      if (!retryable) return;
      const retry = el("button", null, TEXT.retry, { type: "button" });
      retry.addEventListener("click", () => { msg.node.remove(); this.input.focus(); this.ask(text); });
      notice.append(retry);
      if (!this.input.value) retry.focus();
    }

    scroll() { this.log.scrollTop = this.log.scrollHeight; }
  }

  function describe(err) {
    if (err.code === "unauthorized" || err.code === "invalid_token") return TEXT.unauthorized;
    if (err.code === "rate_limited") return TEXT.rateLimited(err.retryAfter || 5);
    if (err.code === "message_too_long" || err.code === "payload_too_large") return TEXT.tooLong;
    if (err.code === "dropped") return TEXT.dropped;
    return TEXT.failed;
  }

  function renderCitations(msg, citations) {
    const out = {};
    if (!citations.length) return out;
    out.section = el("div", "extra", null, { role: "group", "aria-label": TEXT.sources });
    const list = el("ol", "plain");
    out.section.append(el("h4", null, TEXT.sources), list);
    for (const c of citations) {
      const id = `${msg.id}-c${c.n}`;
      const btn = el("button", "cite", `[${c.n}] ${c.title || c.doc_id} — ${c.section}`,
        { type: "button", "aria-expanded": "false", "aria-controls": id });
      const detail = el("div", "detail", null, { id });
      const facts = el("dl");
      detail.hidden = true;
      detail.append(facts);
      const row = (k, v) => { if (v != null && v !== "") facts.append(el("dt", null, k), el("dd", null, v)); };
      row(TEXT.doc, c.doc_id); row(TEXT.section, c.section); row(TEXT.effective, c.effective_date);
      row(TEXT.score, typeof c.score === "number" ? c.score.toFixed(2) : null);
      if (c.stale) detail.append(el("p", "warn", TEXT.stale));
      const toggle = (show) => { detail.hidden = !show; btn.setAttribute("aria-expanded", String(show)); };
      btn.addEventListener("click", () => toggle(detail.hidden));
      const li = el("li");
      li.append(btn, detail);
      list.append(li);
      out[c.n] = {
        ref: () => {
          const ref = el("button", "ref", `[${c.n}]`, { type: "button", "aria-label": `${TEXT.sources} ${c.n}` });
          ref.addEventListener("click", () => { toggle(true); btn.focus(); });
          return ref;
        },
      };
    }
    return out;
  }

  function renderCards(cards) {
    const box = el("div", "extra", null, { role: "group", "aria-label": TEXT.clients });
    box.append(el("h4", null, TEXT.clients));
    for (const card of cards) {
      const item = el("div", "card");
      const name = el("p", "name", card.name);
      if (card.tier) name.append(el("span", "sr-only", ` ${TEXT.tier}: `), el("span", "tier", card.tier));
      const facts = el("ul");
      for (const f of card.facts || []) facts.append(el("li", null, f));
      item.append(name, facts);
      box.append(item);
    }
    return box;
  }

  function renderActions(actions) {
    const box = el("div", "extra", null, { role: "group", "aria-label": TEXT.actions });
    const list = el("ol");
    box.append(el("h4", null, TEXT.actions), list);
    for (const a of actions) {
      const li = el("li");
      li.append(el("strong", null, a.title), el("div", null, a.reason));
      const meta = [a.due && `${TEXT.due}: ${a.due}`, a.playbook && `${TEXT.playbook}: ${a.playbook}`].filter(Boolean);
      if (meta.length) li.append(el("div", "meta", meta.join(" · ")));
      list.append(li);
    }
    return box;
  }

  /* A document offered with the answer (a meeting prep .docx). The link needs the bearer token,
     which a plain <a href> cannot send: the button fetches it and saves the blob. Only paths on
     this origin's /v1/ are followed. */
  function renderDocuments(docs) {
    const box = el("div", "extra", null, { role: "group", "aria-label": TEXT.downloads });
    const list = el("ul", "plain");
    box.append(el("h4", null, TEXT.downloads), list);
    for (const d of docs) {
      if (typeof d.url !== "string" || !/^\/v1\/[A-Za-z0-9_./-]+$/.test(d.url)) continue;
      const li = el("li"), note = el("span", "fb-note", null, { role: "status" });
      const b = el("button", "dl", `${TEXT.download}: ${d.title}`, { type: "button", "data-url": d.url });
      b.addEventListener("click", async () => {
        note.textContent = "";
        try {
          const res = await fetch(ORIGIN + d.url, {
            mode: "cors", credentials: "omit", cache: "no-store",
            headers: { "Authorization": "Bearer " + TOKEN, "X-Frontline-Client": "widget" },
          });
          if (!res.ok) throw new Error("http_" + res.status);
          const href = URL.createObjectURL(await res.blob());
          const a = el("a", null, null, { href, download: d.url.split("/").pop() });
          box.append(a); a.click(); a.remove();
          setTimeout(() => URL.revokeObjectURL(href), 10000);
        } catch (_) { note.textContent = TEXT.downloadFailed; }
      });
      li.append(b, note);
      list.append(li);
    }
    return box;
  }

  /* Charts drawn on the server: each is fetched as SVG with the bearer token (the stored answer,
     this RM's only) and placed inline, so a screen reader reads its title and description and
     the keyboard reaches it; if it cannot be drawn, its text alternative stays. */
  function renderCharts(answer) {
    const box = el("div", "extra charts");
    answer.charts.forEach((c, i) => {
      const fig = el("figure", "chart");
      const alt = el("p", "chart-alt", c.alt);
      fig.append(el("figcaption", null, c.title), alt);
      box.append(fig);
      const path = "/v1/conversations/" + encodeURIComponent(answer.conversation_id) + "/turns/" +
        encodeURIComponent(answer.turn_id) + "/charts/" + (i + 1) + ".svg";
      fetch(ORIGIN + path, {
        mode: "cors", credentials: "omit", cache: "no-store",
        headers: { "Authorization": "Bearer " + TOKEN, "X-Frontline-Client": "widget" },
      }).then(async (res) => {
        if (!res.ok) throw new Error("http_" + res.status);
        const doc = new DOMParser().parseFromString(await res.text(), "image/svg+xml");
        const svg = doc.documentElement;
        if (svg.nodeName !== "svg") throw new Error("not_svg");
        svg.querySelectorAll("script,foreignObject").forEach((n) => n.remove());  // never live content
        fig.insertBefore(document.importNode(svg, true), alt);
        alt.remove();  // the SVG's <desc> says it now: read once, not twice
      }).catch(() => { alt.prepend(TEXT.chartFailed + " "); });
    });
    return box;
  }

  function renderFeedback(answer) {
    const box = el("div", "fb", null, { role: "group", "aria-label": TEXT.feedback });
    const note = el("span", "fb-note", null, { role: "status" });
    const buttons = ["up", "down"].map((rating) => {
      const b = el("button", null, rating === "up" ? "👍" : "👎", { type: "button", "aria-label": TEXT[rating], "aria-pressed": "false" });
      b.addEventListener("click", async () => {
        buttons.forEach((x) => { x.disabled = true; x.setAttribute("aria-pressed", String(x === b)); });
        try {
          const res = await post("/v1/feedback", { conversation_id: answer.conversation_id, turn_id: answer.turn_id, rating, comment: null });
          if (!res.ok) throw await errorFrom(res);
          note.textContent = TEXT.thanks;
        } catch (_) {
          note.textContent = TEXT.fbFailed;
          buttons.forEach((x) => { x.disabled = false; x.setAttribute("aria-pressed", "false"); });
        }
      });
      return b;
    });
    box.append(...buttons, note);
    return box;
  }

  // --- the brief panel: <frontline-brief> wherever the host page puts it ----------------
  const BRIEF = {
    en: {
      title: "Today's brief", loading: "Loading your brief…", failed: "Your brief could not be loaded.",
      draft: "Draft it", count: (n) => ` (${n})`, nothing: "Nothing due today.", sources: "Sources", notWorking: "Not a working day: no brief is sent.",
      done: "Done", notNow: "Not now…", notNowLabel: (t) => `Not now, with a reason: ${t}`, doneLabel: (t) => `Mark done: ${t}`, markFailed: "Could not record it.",
      sections: { due_today: "Signals due today", overdue: "Overdue follow-ups", maturing: "Maturing soon", actions: "Next best actions" },
      member: (m) => `${m.name} (${m.rm_id}): ${m.due_today} due today, ${m.overdue} overdue, ${m.maturing} maturing; ${m.done || 0} done, ${Object.values(m.not_now || {}).reduce((a, b) => a + b, 0)} not now`,
    },
    zh: {
      title: "今日晨报", loading: "正在加载晨报…", failed: "晨报加载失败。",
      draft: "起草", count: (n) => `（${n}）`, nothing: "今日暂无待办。", sources: "依据", notWorking: "非工作日：不发送晨报。",
      done: "完成", notNow: "暂不…", notNowLabel: (t) => `暂不处理并选择原因：${t}`, doneLabel: (t) => `标记完成：${t}`, markFailed: "记录失败。",
      sections: { due_today: "今日待跟进信号", overdue: "逾期未跟进", maturing: "即将到期", actions: "建议行动" },
      member: (m) => `${m.name}（${m.rm_id}）：今日到期 ${m.due_today}，逾期 ${m.overdue}，即将到期 ${m.maturing}；完成 ${m.done || 0}，暂不 ${Object.values(m.not_now || {}).reduce((a, b) => a + b, 0)}`,
    },
  }[LANG];
  const SECTIONS = ["due_today", "overdue", "maturing", "actions"];

  const BRIEF_CSS = `
:host{display:block;font:14px/1.6 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2329}
*,*::before,*::after{box-sizing:border-box}[hidden]{display:none!important}
:focus-visible{outline:3px solid #c55a00;outline-offset:2px}
.brief{background:#fff;border:1px solid #c9ced6;border-radius:8px;padding:12px 16px}
h2{font-size:18px;margin:0 0 8px}h3{font-size:15px;margin:12px 0 4px}h4{font-size:14px;margin:8px 0 2px}
ul,ol{margin:0;padding-left:20px}li{margin:2px 0}.status{color:#4a5361;margin:0}.note{color:#8a4b00}
.draft{margin-left:8px;border:1px solid #0b5cad;background:#fff;color:#0b5cad;border-radius:12px;padding:0 10px;font:inherit;font-size:13px;cursor:pointer;text-decoration:underline}
.draft:hover{background:#dbe9f8}.sources{color:#4a5361;font-size:13px;list-style:none;padding-left:0}
.mark{margin-left:6px;border:1px solid #1f7a3a;background:#fff;color:#1f7a3a;border-radius:12px;padding:0 10px;font:inherit;font-size:13px;cursor:pointer}
.mark:hover{background:#e3f3e8}.later{margin-left:6px;font:inherit;font-size:13px;border:1px solid #8a4b00;color:#8a4b00;border-radius:12px;background:#fff;padding:0 4px}
.marked{color:#4a5361}.marked .line{text-decoration:line-through}.said{margin-left:6px;color:#1f7a3a;font-size:13px}
`;

  /* reasons: the bank's "not now" reasons (from the brief); null where lines are not the
     reader's own to mark (a team lead's view of the team). */
  function briefList(parent, items, level, reasons) {
    for (const name of SECTIONS) {
      const chosen = items.filter((i) => i.section === name);
      if (!chosen.length) continue;
      parent.append(el(level, null, BRIEF.sections[name] + BRIEF.count(chosen.length)));
      const list = el("ul");
      for (const item of chosen) {
        const li = el("li");
        li.append(el("span", "line", item.text));
        if (item.draft_request) {
          const b = el("button", "draft", BRIEF.draft, { type: "button", "aria-label": `${BRIEF.draft}: ${item.draft_request}` });
          b.addEventListener("click", () => askDraft(item.draft_request));
          li.append(b);
        }
        if (reasons && item.action_key) li.append(...markControls(li, item, reasons));
        list.append(li);
      }
      parent.append(list);
    }
  }

  /* "完成 / Done" and a "暂不 / Not now" reason picker: POST /v1/actions/{key}/outcome. */
  function markControls(li, item, reasons) {
    const done = el("button", "mark", BRIEF.done, { type: "button", "aria-label": BRIEF.doneLabel(item.text) });
    const later = el("select", "later", null, { "aria-label": BRIEF.notNowLabel(item.text) });
    later.append(el("option", null, BRIEF.notNow, { value: "" }));
    for (const r of reasons) later.append(el("option", null, r.label, { value: r.code }));
    const said = el("span", "said", null, { role: "status" });
    const send = async (outcome, reason) => {
      said.textContent = "";
      try {
        const res = await fetch(ORIGIN + "/v1/actions/" + encodeURIComponent(item.action_key) + "/outcome", {
          method: "POST", mode: "cors", credentials: "omit", cache: "no-store",
          headers: { "Authorization": "Bearer " + TOKEN, "Content-Type": "application/json", "X-Frontline-Client": "widget" },
          body: JSON.stringify(reason ? { outcome, reason, language: LANG } : { outcome, language: LANG }),
        });
        if (!res.ok) throw await errorFrom(res);
        const reply = await res.json();
        li.classList.add("marked");
        done.remove(); later.remove();
        said.textContent = reply.message;
      } catch (e) {
        said.textContent = BRIEF.markFailed;
      }
    };
    done.addEventListener("click", () => send("done"));
    later.addEventListener("change", () => { if (later.value) send("not_now", later.value); });
    return [done, later, said];
  }

  function askDraft(text) {
    const chat = document.querySelector("frontline-chat");
    if (chat && chat.draft) chat.draft(text);
  }

  class FrontlineBrief extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      const root = this.attachShadow({ mode: "open" });
      if ("adoptedStyleSheets" in root && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
        const sheet = new CSSStyleSheet(); sheet.replaceSync(BRIEF_CSS); root.adoptedStyleSheets = [sheet];
      } else {
        root.append(el("style", null, BRIEF_CSS));
      }
      this.box = el("section", "brief", null, { "aria-labelledby": "flb-title", "aria-busy": "true" });
      this.heading = el("h2", null, BRIEF.title, { id: "flb-title" });
      this.status = el("p", "status", BRIEF.loading, { role: "status" });
      this.body = el("div");
      this.box.append(this.heading, this.status, this.body);
      root.append(this.box);
      this.load();
    }

    async load() {
      try {
        const res = await fetch(ORIGIN + "/v1/brief?lang=" + LANG, {
          mode: "cors", credentials: "omit", cache: "no-store",
          headers: { "Authorization": "Bearer " + TOKEN, "X-Frontline-Client": "widget" },
        });
        if (!res.ok) throw await errorFrom(res);
        this.render(await res.json());
        this.status.textContent = "";
      } catch (e) {
        this.status.textContent = e.code === "unauthorized" || e.code === "invalid_token" ? TEXT.unauthorized : BRIEF.failed;
      } finally {
        this.box.setAttribute("aria-busy", "false");
      }
    }

    render(brief) {
      this.heading.textContent = `${BRIEF.title} · ${brief.date}`;
      if (!brief.working_day) this.body.append(el("p", "note", BRIEF.notWorking));
      const reasons = brief.role === "rm" && (brief.reasons || []).length ? brief.reasons : null;
      briefList(this.body, brief.items || [], "h3", reasons);
      for (const m of brief.team || []) {
        this.body.append(el("h3", null, BRIEF.member(m)));
        briefList(this.body, m.items || [], "h4", null);
      }
      const empty = !(brief.items || []).length && !(brief.team || []).some((m) => (m.items || []).length);
      if (empty) this.body.append(el("p", null, BRIEF.nothing));
      if ((brief.citations || []).length) {
        const list = el("ol", "sources", null, { "aria-label": BRIEF.sources });
        for (const c of brief.citations) list.append(el("li", null, `[${c.n}] ${c.doc_id}`, { value: String(c.n) }));
        this.body.append(el("h3", null, BRIEF.sources), list);
      }
    }
  }

  customElements.define("frontline-chat", FrontlineChat);
  customElements.define("frontline-brief", FrontlineBrief);
  const mount = () => document.body.append(document.createElement("frontline-chat"));
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
