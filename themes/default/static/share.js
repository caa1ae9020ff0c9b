/* The release toolbar's two buttons that need a script: copy the link (the Clipboard API,
   else a selected field and the copy command, else the link shown to copy by hand) and print.
   Without this script the "Copy link" link is the release's own address, and Print stays hidden. */
(function () {
  "use strict";
  var tools = document.querySelector(".release-tools");
  if (!tools) return;
  var status = tools.querySelector(".copy-status");
  var copy = tools.querySelector(".copy-link");
  var printItem = tools.querySelector(".print-item");

  function say(text) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);  /* read out again when repeated */
  }

  function copyBySelection(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "copy-field";
    document.body.appendChild(field);
    field.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    document.body.removeChild(field);
    return copied;
  }

  if (printItem && typeof window.print === "function") {
    printItem.hidden = false;
    printItem.querySelector("button").addEventListener("click", function () { window.print(); });
  }
  if (copy) {
    copy.addEventListener("click", function (event) {
      event.preventDefault();
      var link = copy.href;
      var fallback = function () {
        say(copyBySelection(link) ? "Link copied" : "Copy this link: " + link);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(link).then(function () { say("Link copied"); }, fallback);
      } else {
        fallback();
      }
    });
  }
}());
