// jixiao 绩效: the few behaviours htmx does not give by itself. No dependencies.
(function () {
  "use strict";

  // A partial answered with the login page means the session expired. Don't paste the
  // login form into the page, and don't navigate away from what the user has typed.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var url = event.detail.xhr && event.detail.xhr.responseURL;
    if (url && url.indexOf("/accounts/login/") !== -1) {
      event.detail.shouldSwap = false;
      window.alert("登录已过期。请在新的浏览器标签页中重新登录，然后回到本页继续；本页已填写的内容仍保留。");
    }
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
