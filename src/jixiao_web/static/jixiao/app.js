// jixiao 绩效: the few behaviours htmx does not give by itself. No dependencies.
(function () {
  "use strict";

  // Logging in again (in another tab, as the session-expired alert below advises) rotates
  // the CSRF token, and this page still holds the old one: its next save would be refused
  // and the typed table lost. Every POST therefore sends the token in the cookie now.
  function csrfCookie() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : null;
  }
  document.addEventListener("submit", function (event) {
    var token = csrfCookie();
    var field = event.target.querySelector && event.target.querySelector("input[name=csrfmiddlewaretoken]");
    if (token && field) field.value = token;
  }, true);
  document.addEventListener("htmx:configRequest", function (event) {
    var token = csrfCookie();
    if (!token) return;
    event.detail.headers["X-CSRFToken"] = token;
    // A form's own token field is sent too, and Django reads it before the header.
    var params = event.detail.parameters;
    if (params && params.csrfmiddlewaretoken !== undefined) params.csrfmiddlewaretoken = token;
  });

  // A partial answered with the login page means the session expired. Don't paste the
  // login form into the page, and don't navigate away from what the user has typed.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var url = event.detail.xhr && event.detail.xhr.responseURL;
    if (url && url.indexOf("/accounts/login/") !== -1) {
      event.detail.shouldSwap = false;
      window.alert("登录已过期。请在新的浏览器标签页中重新登录，然后回到本页继续；本页已填写的内容仍保留。");
    }
  });

  // A grid button rebuilds the whole grid, which would drop the keyboard focus on <body>.
  // The server marks where it belongs: the new or next row's 三级指标, the moved row's
  // button (to press it again), or 添加指标 once the last row is gone.
  // Each control is a list of selectors tried in turn (a moved row's button may now be
  // disabled, at the top or bottom; then the other one).
  var FOCUS = {
    name: ["input[name=ind-name]"],
    up: ["button[value^='up:']:not([disabled])", "button[value^='down:']"],
    down: ["button[value^='down:']:not([disabled])", "button[value^='up:']"],
    add: ["button[value=add]"]
  };
  function firstOf(holder, selectors) {
    for (var i = 0; i < selectors.length; i++) {
      var found = holder.querySelector(selectors[i]);
      if (found) return found;
    }
    return null;
  }
  document.addEventListener("htmx:afterSettle", function () {
    var grid = document.getElementById("grid");
    if (!grid) return;
    var holder = grid.dataset.focus ? grid : grid.querySelector("[data-focus]");
    if (!holder) return;
    var control = firstOf(holder, FOCUS[holder.dataset.focus] || FOCUS.name);
    delete holder.dataset.focus;  // once: later swaps (the live review) must not move it
    if (control) control.focus();
  });

  // In the findings panel, a row's finding takes the user to that row of the grid.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-goto-row]");
    if (!link) return;
    var row = document.querySelector("#grid tr[data-row='" + link.dataset.gotoRow + "']");
    if (!row) return;
    event.preventDefault();
    row.scrollIntoView({ block: "center" });
    var input = row.querySelector("input[name=ind-name]");
    if (input) input.focus({ preventScroll: true });
  });

  // The upload page: a Chinese button instead of the browser's own file control, the chosen
  // names listed under it, and files dropped anywhere on the dashed area.
  function showNames(input) {
    var zone = input.closest("[data-dropzone]");
    var out = zone && zone.querySelector("[data-file-names]");
    if (!out) return;
    var names = Array.prototype.map.call(input.files, function (f) { return f.name; });
    out.textContent = names.length ? "已选择 " + names.length + " 个文件：" + names.join("、") : "尚未选择文件";
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-dropzone] input[type=file]")) showNames(event.target);
  });
  ["dragenter", "dragover"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var zone = event.target.closest && event.target.closest("[data-dropzone]");
      if (!zone) return;
      event.preventDefault();
      zone.classList.add("dragging");
    });
  });
  document.addEventListener("dragleave", function (event) {
    var zone = event.target.closest && event.target.closest("[data-dropzone]");
    if (zone && !zone.contains(event.relatedTarget)) zone.classList.remove("dragging");
  });
  document.addEventListener("drop", function (event) {
    var zone = event.target.closest && event.target.closest("[data-dropzone]");
    if (!zone) return;
    event.preventDefault();
    zone.classList.remove("dragging");
    var input = zone.querySelector("input[type=file]");
    input.files = event.dataTransfer.files;
    showNames(input);
  });

  // Steps that cannot be undone (审核通过, 公开) ask once before they are sent.
  document.addEventListener("submit", function (event) {
    var message = event.target.dataset && event.target.dataset.confirm;
    if (message && !window.confirm(message)) event.preventDefault();
  });

  // The editor warns before the page is left with unsaved input (a menu link, a closed
  // tab); saving, and the grid's own buttons, are not leaving.
  // A refused save (400, 409) comes back holding input that is not stored yet.
  var editorDirty = !!document.querySelector("#editor") && !!document.querySelector(".conflict");
  document.addEventListener("input", function (event) {
    if (event.target.closest && event.target.closest("#editor")) editorDirty = true;
  });
  document.addEventListener("change", function (event) {
    if (event.target.closest && event.target.closest("#editor")) editorDirty = true;
  });
  document.addEventListener("submit", function (event) {
    if (event.target.id === "editor") editorDirty = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (!editorDirty) return;
    event.preventDefault();
    event.returnValue = "";  // older browsers need it set to show the prompt
  });

  // In the editor, Enter in a grid cell moves on instead of saving the whole table.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "Enter" || !target.closest || !target.closest("#grid")) return;
    if (target.tagName !== "INPUT") return;
    event.preventDefault();
    var fields = Array.prototype.slice.call(document.querySelectorAll("#grid input[type=text], #grid select"));
    var next = fields[fields.indexOf(target) + 1];
    if (next) next.focus();
  });
})();
