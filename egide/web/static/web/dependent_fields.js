// A field that means something only for some choices of another field carries
// data-shown-when="other=value1 value2": it stays hidden, and disabled so that it is not sent,
// until one of those values is chosen. Without JavaScript every field shows, and the server
// refuses what does not apply to the choice made.
(function () {
  "use strict";
  const GROUPS = ".fr-input-group, .fr-select-group, .fr-checkbox-group, .fr-fieldset";

  function update(form) {
    form.querySelectorAll("[data-shown-when]").forEach((field) => {
      const [name, values] = field.dataset.shownWhen.split("=");
      const control = form.elements.namedItem(name);
      const shown = Boolean(control) && values.split(" ").includes(control.value);
      (field.closest(GROUPS) || field).hidden = !shown;
      field.disabled = !shown;
    });
  }

  document.querySelectorAll("form").forEach((form) => {
    if (!form.querySelector("[data-shown-when]")) return;
    update(form);
    form.addEventListener("change", () => update(form));
  });
})();
