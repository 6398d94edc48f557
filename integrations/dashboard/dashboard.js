/* /dashboard: the team measures rendered on the server (GET /v1/dashboard, bearer token), and
   the assistant docked beside them (the widget, same token). The token arrives as the widget's
   does — put there by the bank's single sign-on — here in the URL's fragment, which never
   reaches a server or its logs; it is kept for the tab's session and the fragment is cleared. */
(function () {
  "use strict";
  const KEY = "frontline.dashboard.token";
  const main = document.getElementById("dash-main");
  const status = document.getElementById("dash-status");
  const kind = document.getElementById("dash-kind");
  const lang = document.getElementById("dash-lang");
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get("token") || sessionStorage.getItem(KEY);
  if (params.get("token")) {
    sessionStorage.setItem(KEY, params.get("token"));
    history.replaceState(null, "", location.pathname + location.search);
  }
  const query = new URLSearchParams(location.search);
  if (query.get("period")) kind.value = query.get("period");
  if (query.get("lang")) lang.value = query.get("lang");
  const TEXT = {
    zh: { noToken: "缺少登录令牌：请从行内门户打开本页。", forbidden: "此账号没有团队绩效可看（管理员账号不查看客户数据）。",
          failed: "绩效暂时无法加载，请稍后再试。", loading: "正在加载…" },
    en: { noToken: "No sign-in token: open this page from the bank's portal.", forbidden: "This account has no team measures to see (an admin sees no client data).",
          failed: "The measures could not be loaded; try again later.", loading: "Loading…" },
  };
  const say = (k) => TEXT[lang.value === "en" ? "en" : "zh"][k];

  function show(text, cls) {
    main.replaceChildren();
    const p = document.createElement("p");
    p.className = cls; p.textContent = text; p.setAttribute("role", cls === "error" ? "alert" : "status");
    main.append(p);
    main.setAttribute("aria-busy", "false");
  }

  async function load() {
    if (!token) { show(say("noToken"), "error"); return; }
    main.setAttribute("aria-busy", "true");
    document.documentElement.lang = lang.value === "en" ? "en" : "zh-CN";
    const q = new URLSearchParams({ lang: lang.value });
    if (kind.value) q.set("period", kind.value);
    try {
      const res = await fetch("/v1/dashboard?" + q, {
        cache: "no-store", credentials: "omit",
        headers: { "Authorization": "Bearer " + token, "X-Frontline-Client": "dashboard" },
      });
      if (res.status === 403) { show(say("forbidden"), "error"); return; }
      if (!res.ok) throw new Error("http_" + res.status);
      // The server's fragment: parsed inert, its nodes moved in (it carries no script).
      const doc = new DOMParser().parseFromString(await res.text(), "text/html");
      doc.querySelectorAll("script,iframe,object,embed").forEach((n) => n.remove());
      main.replaceChildren(...Array.from(doc.body.childNodes).map((n) => document.importNode(n, true)));
      main.setAttribute("aria-busy", "false");
    } catch (_) { show(say("failed"), "error"); }
  }

  function dockAssistant() {
    if (!token) return;
    const s = document.createElement("script");
    s.src = "/widget.js"; s.defer = true; s.dataset.token = token; s.dataset.lang = lang.value;
    document.body.append(s);
  }

  kind.addEventListener("change", load);
  lang.addEventListener("change", load);
  load();
  dockAssistant();
})();
