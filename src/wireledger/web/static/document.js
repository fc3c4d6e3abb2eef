// The document page: bring the first highlighted (supporting) words into view.
(function () {
  "use strict";
  var mark = document.getElementById("evidence");
  if (mark) {
    mark.scrollIntoView({ block: "center" });
  }
})();
