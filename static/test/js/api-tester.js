/**
 * API Tester tab: List / Get / Create / Update / Delete for each entity, with
 * pagination, filters and sort. Which operations exist, the filter and sort
 * allow-lists and the example bodies all come from /openapi.json, so the page
 * follows the API instead of restating it.
 *
 * @module
 */
import { callApi } from "./http.js";
import { bearer, onSessionChange } from "./session.js";
import { $, h, showJson, showStatus, whileBusy } from "./ui.js";

/** The only per-entity knowledge the page holds: where each collection lives. */
const ENTITIES = {
  users: "/api/v1/users",
  activities: "/api/v1/activities",
  drawings: "/api/v1/drawings",
  points: "/api/v1/points/transactions",
  sponsors: "/api/v1/sponsors",
};

const state = { entity: "users", page: 1, totalPages: 0, spec: null, ops: {} };

export async function initApiTester() {
  const authorization = $("#api-authorization");
  onSessionChange(() => authorization.value = bearer());

  state.spec = await fetch("/openapi.json").then((r) => (r.ok ? r.json() : null)).catch(() => null);
  const select = $("#api-entity");
  select.addEventListener("change", () => selectEntity(select.value));
  selectEntity(select.value);

  submit("#api-list-form", () => list(1));
  for (const [selector, step] of [["#api-prev", -1], ["#api-next", 1]]) {
    const button = $(selector);
    button.addEventListener("click", () => {
      whileBusy(button, () => list(state.page + step)).then(refreshAvailability);
    });
  }
  const idPath = (selector) => `/${encodeURIComponent($(selector).value.trim())}`;
  submit("#api-get-form", () => send("get", idPath("#api-get-id")));
  submit("#api-create-form", () => send("create", "", $("#api-create-body").value));
  submit(
    "#api-update-form",
    () => send("update", idPath("#api-update-id"), $("#api-update-body").value),
  );
  submit("#api-delete-form", () => send("delete", idPath("#api-delete-id")));
}

function submit(formSelector, action) {
  const form = $(formSelector);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    whileBusy($("button[type=submit]", form), action).then(() => refreshAvailability());
  });
}

/** The OpenAPI operations of an entity; with no spec every operation is offered. */
function operationsOf(base) {
  const collection = state.spec?.paths?.[base] ?? {};
  const item = state.spec?.paths?.[`${base}/{id}`] ?? {};
  const entry = (method, operation) =>
    operation || !state.spec ? { method, operation: operation ?? null } : null;
  return {
    list: entry("GET", collection.get),
    get: entry("GET", item.get),
    create: entry("POST", collection.post),
    update: item.patch && !item.put ? entry("PATCH", item.patch) : entry("PUT", item.put),
    delete: entry("DELETE", item.delete),
  };
}

function selectEntity(entity) {
  state.entity = entity;
  state.page = 1;
  state.totalPages = 0;
  state.ops = operationsOf(ENTITIES[entity]);
  renderFilters(state.ops.list?.operation);
  $("#api-create-body").value = exampleBody(state.ops.create?.operation, true);
  $("#api-update-body").value = exampleBody(state.ops.update?.operation, false);
  refreshAvailability();
}

function refreshAvailability() {
  for (const [op, entry] of Object.entries(state.ops)) {
    const button = $(`[data-op=${op}]`);
    button.disabled = !entry;
    button.title = entry ? "" : `The API has no ${op} operation for ${state.entity}`;
  }
  $("#api-prev").disabled = !state.ops.list || state.page <= 1 || state.totalPages === 0;
  $("#api-next").disabled = !state.ops.list || state.page >= state.totalPages;
  $("#api-page").textContent = state.totalPages
    ? `page ${state.page} of ${state.totalPages}`
    : "page –";
}

function renderFilters(listOperation) {
  const parameters = listOperation?.parameters ?? [];
  const filters = parameters.filter((p) => p.in === "query" && /^filter\[.+\]$/.test(p.name));
  const container = $("#api-filters");
  container.replaceChildren(
    ...filters.map((p) => {
      const field = p.name.slice("filter[".length, -1);
      return h(
        "label",
        {},
        `filter[${field}]`,
        h("input", {
          name: p.name,
          dataset: { testid: `api-filter-${field}` },
          autocomplete: "off",
        }),
      );
    }),
  );
  // The sort parameter's description ends with "Allowed: a, b, c" (api/schemas/common.ts).
  const sort = parameters.find((p) => p.name === "sort");
  const allowed = /Allowed: (.+)$/.exec(sort?.description ?? sort?.schema?.description ?? "")?.[1];
  const fields = allowed ? allowed.split(",").map((f) => f.trim()) : [];
  $("#api-sort-options").replaceChildren(
    ...fields.flatMap((f) => [h("option", { value: f }), h("option", { value: `-${f}` })]),
  );
  $("#api-sort").value = "";
}

function exampleBody(operation, freshEmail) {
  const content = operation?.requestBody?.content?.["application/json"];
  const example = content?.example ?? content?.schema?.example;
  if (!example) return operation ? "{}" : "";
  const body = structuredClone(example);
  // A fixed example email would collide on the second Create.
  if (freshEmail && typeof body.email === "string") {
    body.email = `tester.${crypto.randomUUID().slice(0, 8)}@example.com`;
  }
  return JSON.stringify(body, null, 2);
}

async function list(page) {
  const query = new URLSearchParams({
    page: String(page),
    per_page: $("#api-per-page").value || "10",
  });
  const sort = $("#api-sort").value.trim();
  if (sort) query.set("sort", sort);
  for (const input of $("#api-filters").querySelectorAll("input")) {
    if (input.value.trim()) query.set(input.name, input.value.trim());
  }
  const result = await show(state.ops.list.method, `${ENTITIES[state.entity]}?${query}`);
  const pagination = result.ok ? result.body?.pagination : null;
  if (pagination) {
    state.page = pagination.page;
    state.totalPages = pagination.total_pages;
  }
}

async function send(op, suffix, rawBody) {
  const result = await show(state.ops[op].method, `${ENTITIES[state.entity]}${suffix}`, rawBody);
  const id = result.ok && op === "create" ? result.body?.id : null;
  if (id) {
    for (const field of ["#api-get-id", "#api-update-id", "#api-delete-id"]) $(field).value = id;
  }
}

async function show(method, url, rawBody) {
  const result = await callApi(method, url, {
    rawBody: rawBody === undefined || rawBody.trim() === "" ? undefined : rawBody,
    authorization: $("#api-authorization").value.trim(),
  });
  showJson($("#api-request"), result.request);
  showJson($("#api-response"), result.body ?? "(no content)");
  showStatus($("#api-status"), $("#api-time"), result);
  return result;
}
