// survey: comfort on the questionnaire page. The page works without this script; with
// it, show_if applies as you answer, answers save as you go (and survive a lost
// connection in this browser), rankings move with buttons, allocations count down.
(function () {
  "use strict";

  const form = document.querySelector("form.questionnaire");
  if (!form) return;
  const messages = JSON.parse(document.getElementById("messages").textContent);
  const known = JSON.parse(document.getElementById("known-answers").textContent);
  const statusLine = form.querySelector("[data-save-status]");
  const draftKey = "survey-draft:" + form.dataset.draftKey;
  const format = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => values[key]);

  // --- show_if, as survey/conditions.py evaluates it --------------------------------------

  function answered(value) {
    if (value === undefined || value === null || value === "") return false;
    if (Array.isArray(value)) return value.length > 0;
    if (typeof value === "object") return Object.keys(value).length > 0;
    return true;
  }

  function isShown(condition, answers) {
    if (!condition) return true;
    if (condition.all) return condition.all.every((c) => isShown(c, answers));
    if (condition.any) return condition.any.some((c) => isShown(c, answers));
    const value = answers[condition.question];
    if (condition.answered !== null && condition.answered !== undefined) {
      return answered(value) === condition.answered;
    }
    if (!answered(value)) return false;
    const picked = Array.isArray(value) ? value : [value];
    if (condition.equals !== null && condition.equals !== undefined) {
      return picked.some((item) => String(item) === String(condition.equals));
    }
    if (condition.in) return picked.some((item) => condition.in.some((x) => String(x) === String(item)));
    const number = Number(value);
    if (typeof value === "object" || value === "dont_know" || Number.isNaN(number)) return false;
    if (condition.at_least !== null && condition.at_least !== undefined) return number >= condition.at_least;
    if (condition.at_most !== null && condition.at_most !== undefined) return number <= condition.at_most;
    return false;
  }

  // How to read each question's answer comes from its kind (data-value), so a new
  // question type needs nothing here.
  function valueOf(question) {
    const id = question.dataset.question;
    const mode = question.dataset.value;
    const fields = Array.from(question.querySelectorAll("input, select, textarea"));
    if (mode === "multiple") {
      return fields.filter((f) => f.name === id && f.checked).map((f) => f.value);
    }
    if (mode === "single" || mode === "point") {
      const checked = fields.find((f) => f.name === id && f.checked);
      if (!checked) return undefined;
      return mode === "point" && checked.value !== "dont_know" ? Number(checked.value) : checked.value;
    }
    if (mode === "filled") {
      const filled = fields.filter((f) => (f.type === "radio" ? f.checked : f.value.trim() !== ""));
      return filled.length ? { filled: filled.length } : undefined;
    }
    if (mode === "none") return undefined;
    const field = fields.find((f) => f.name === id);
    if (!field || field.value.trim() === "") return undefined;
    return mode === "number" && !Number.isNaN(Number(field.value)) ? Number(field.value) : field.value;
  }

  function applyConditions() {
    const answers = Object.assign({}, known);
    form.querySelectorAll("[data-question]").forEach((question) => {
      const condition = question.dataset.showIf ? JSON.parse(question.dataset.showIf) : null;
      const shown = isShown(condition, answers);
      question.hidden = !shown;
      question.querySelectorAll("input, select, textarea").forEach((field) => {
        field.disabled = !shown;
      });
      const id = question.dataset.question;
      delete answers[id];
      if (shown) {
        const value = valueOf(question);
        if (value !== undefined) answers[id] = value;
      }
    });
  }

  // --- saving as you go ---------------------------------------------------------------------

  let timer = null;
  let pending = false;

  function formBody() {
    return new URLSearchParams(new FormData(form));
  }

  function remember() {
    const fields = {};
    for (const [name, value] of new FormData(form)) {
      (fields[name] = fields[name] || []).push(value);
    }
    try {
      localStorage.setItem(draftKey, JSON.stringify({ fields: fields, at: Date.now() }));
    } catch (error) {
      // Storage may be full or disabled; the server copy is the one that matters.
    }
  }

  function forget() {
    try {
      localStorage.removeItem(draftKey);
    } catch (error) {
      // Nothing to forget.
    }
  }

  function showProblems(problems) {
    form.querySelectorAll("p.error[data-live]").forEach((p) => p.remove());
    Object.entries(problems).forEach(([id, message]) => {
      const question = form.querySelector('[data-question="' + CSS.escape(id) + '"]');
      if (!question) return;
      const line = document.createElement("p");
      line.className = "error";
      line.dataset.live = "";
      line.textContent = message;
      const heading = question.querySelector(".prompt");
      (heading || question.firstChild).after(line);
    });
  }

  async function save(final) {
    pending = false;
    if (statusLine && !final) statusLine.textContent = messages.saving;
    try {
      const response = await fetch(form.dataset.autosave, {
        method: "POST",
        body: formBody(),
        keepalive: Boolean(final),
        credentials: "same-origin",
        headers: { "x-csrftoken": form.querySelector('[name="_csrf_token"]').value },
      });
      const result = await response.json();
      if (response.ok && result.saved) {
        forget();
        showProblems({});
        if (statusLine) statusLine.textContent = format(messages.saved, { time: result.time });
      } else {
        showProblems(result.problems || {});
        if (statusLine) statusLine.textContent = messages.problems;
      }
    } catch (error) {
      pending = true;
      if (statusLine) statusLine.textContent = messages.failed;
    }
  }

  function changed() {
    applyConditions();
    remember();
    pending = true;
    clearTimeout(timer);
    timer = setTimeout(() => save(false), 1200);
  }

  function restoreUnsaved() {
    let stored = null;
    try {
      stored = JSON.parse(localStorage.getItem(draftKey) || "null");
    } catch (error) {
      stored = null;
    }
    if (!stored || !stored.fields) return;
    const fields = stored.fields;
    form.querySelectorAll("input, select, textarea").forEach((field) => {
      if (!field.name || field.name.startsWith("_") || field.type === "hidden") return;
      const values = fields[field.name] || [];
      if (field.type === "radio" || field.type === "checkbox") {
        field.checked = values.includes(field.value);
      } else {
        field.value = values.length ? values[0] : "";
      }
    });
    pending = true;
    save(false);
  }

  // --- ranking: move buttons keep the rank selects in step ------------------------------------

  function renumber(list) {
    const limit = Number(list.dataset.rankLimit);
    Array.from(list.children).forEach((item, index) => {
      item.querySelector("select").value = index < limit ? String(index + 1) : "";
    });
  }

  function sortByRank(list) {
    const items = Array.from(list.children);
    const rank = (item) => Number(item.querySelector("select").value) || Infinity;
    items.sort((a, b) => rank(a) - rank(b)).forEach((item) => list.appendChild(item));
  }

  form.querySelectorAll("ol.ranking").forEach((list) => {
    Array.from(list.children).forEach((item) => {
      const label = item.querySelector("label").textContent;
      const moves = document.createElement("span");
      moves.className = "moves";
      [["up", "↑", -1], ["down", "↓", 1]].forEach(([name, arrow, step]) => {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = arrow;
        button.setAttribute("aria-label", messages[name] + ": " + label);
        button.addEventListener("click", () => {
          const sibling = step < 0 ? item.previousElementSibling : item.nextElementSibling;
          if (!sibling) return;
          if (step < 0) list.insertBefore(item, sibling);
          else list.insertBefore(sibling, item);
          renumber(list);
          button.focus();
          changed();
        });
        moves.appendChild(button);
      });
      item.appendChild(moves);
      item.querySelector("select").addEventListener("change", () => sortByRank(list));
    });
  });

  // --- allocation: what is left to divide ----------------------------------------------------

  function updateAllocation(fieldset) {
    const total = Number(fieldset.dataset.total);
    let sum = 0;
    fieldset.querySelectorAll("input.amount").forEach((input) => {
      const value = Number(input.value.replace(",", "."));
      if (input.value.trim() !== "" && !Number.isNaN(value)) sum += value;
    });
    const left = Math.round((total - sum) * 1000) / 1000;
    const status = fieldset.querySelector("[data-alloc-status]");
    status.classList.toggle("over", left < 0);
    status.textContent =
      left === 0 ? messages.balanced : left > 0 ? format(messages.remaining, { count: left }) : format(messages.over, { count: -left });
  }

  form.querySelectorAll("fieldset.allocation").forEach((fieldset) => {
    fieldset.addEventListener("input", () => updateAllocation(fieldset));
    updateAllocation(fieldset);
  });

  // --- "Other, please specify": typing picks Other ------------------------------------------

  form.querySelectorAll(".other-text input").forEach((input) => {
    input.addEventListener("input", () => {
      const question = input.closest("[data-question]");
      const other = question.querySelector('input[value="other"]');
      if (other && input.value.trim() !== "") other.checked = true;
    });
  });

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", () => {
    // The server now saves these answers, or shows them again with what to fix.
    clearTimeout(timer);
    pending = false;
    forget();
  });
  window.addEventListener("online", () => pending && save(false));
  window.addEventListener("pagehide", () => pending && save(true));
  applyConditions();
  restoreUnsaved();
})();
