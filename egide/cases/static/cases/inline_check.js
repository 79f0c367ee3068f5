// Inline validation of a long form: once the user leaves a field, the server checks the whole
// form (nothing is stored) and the errors of the fields already filled show beside them, in the
// DSFR error style, linked to the field for screen readers. Without JavaScript, the full check on
// submission shows the same errors.
(function () {
  "use strict";
  const GROUPS = ["fr-input-group", "fr-select-group", "fr-checkbox-group", "fr-fieldset"];

  function groupOf(field) {
    for (const name of GROUPS) {
      const group = field.closest("." + name);
      if (group) return { element: group, errorClass: name + "--error" };
    }
    return null;
  }

  function show(form, name, messages) {
    const fields = form.querySelectorAll('[name="' + CSS.escape(name) + '"]');
    if (!fields.length) return;
    const field = fields[0];
    const group = groupOf(field);
    if (!group) return;
    const id = (field.id || name) + "-desc-error";
    let box = document.getElementById(id);
    if (!messages.length) {
      group.element.classList.remove(group.errorClass);
      fields.forEach((f) => f.removeAttribute("aria-invalid"));
      if (box) box.remove();
      return;
    }
    group.element.classList.add(group.errorClass);
    if (!box) {
      box = document.createElement("div");
      box.id = id;
      group.element.appendChild(box);
    }
    box.replaceChildren(
      ...messages.map((message) => {
        const line = document.createElement("p");
        line.className = "fr-error-text";
        line.textContent = message;
        return line;
      }),
    );
    fields.forEach((f) => {
      f.setAttribute("aria-invalid", "true");
      const described = (f.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (!described.includes(id)) f.setAttribute("aria-describedby", [...described, id].join(" "));
    });
  }

  function watch(form) {
    const touched = new Set();
    let pending = null;

    async function check() {
      const response = await fetch(form.dataset.inlineCheck, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) return;
      const { errors } = await response.json();
      touched.forEach((name) => show(form, name, errors[name] || []));
    }

    form.addEventListener("change", (event) => {
      if (!event.target.name) return;
      touched.add(event.target.name);
      clearTimeout(pending);
      pending = setTimeout(check, 150);
    });
  }

  document.querySelectorAll("form[data-inline-check]").forEach(watch);
})();
