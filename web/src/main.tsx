// The page of `kehoach serve`: a list of the folder's plans, and a plan as a
// form beside its live PDF. The YAML file stays the source of truth: the
// page edits its data and the server writes back only what changed.
import { render, type ComponentChildren, type FunctionComponent } from "preact";
import { memo } from "preact/compat";
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ApiError, downloadPost, getJson, postJson, postPreview, type Agency, type Diagnostic, type Evaluation } from "./api.ts";
import { fieldFor, getIn, isObj, pathText, setIn, snippet, type Obj, type Seg } from "./data.ts";
import { Preview } from "./preview.tsx";

const SEVERITY: Record<Diagnostic["severity"], string> = { error: "Lỗi", warning: "Cảnh báo", placeholder: "Chỗ cần điền" };

interface PlanRow {
  path: string;
  title: string;
  errors: number;
  warnings: number;
  placeholders: number;
  tasks: number;
}

function App() {
  const [path, setPath] = useState<string | undefined>(() => new URLSearchParams(location.search).get("plan") ?? undefined);
  const open = (p: string | undefined) => {
    history.pushState(null, "", p ? `/?plan=${encodeURIComponent(p)}` : "/");
    setPath(p);
  };
  useEffect(() => {
    const back = () => setPath(new URLSearchParams(location.search).get("plan") ?? undefined);
    addEventListener("popstate", back);
    return () => removeEventListener("popstate", back);
  }, []);
  return path ? <Editor key={path} path={path} onOpen={open} /> : <PlanList onOpen={open} />;
}

// ——— the folder's plans ———

function PlanList(props: { onOpen: (p: string) => void }) {
  const [plans, setPlans] = useState<PlanRow[] | undefined>();
  const [folder, setFolder] = useState("");
  const [error, setError] = useState("");
  useEffect(() => {
    getJson<{ plans: PlanRow[]; folder: string }>("/api/plans").then(
      (r) => (setPlans(r.plans), setFolder(r.folder)),
      (e: Error) => setError(e.message),
    );
  }, []);
  return (
    <div class="home">
      <h1>Kế hoạch trong thư mục <code>{folder}</code></h1>
      {error && <p class="msg error">{error}</p>}
      {!plans && !error && <p>Đang kiểm tra các kế hoạch…</p>}
      {plans && (
        <table class="plans" data-testid="plans">
          <thead>
            <tr>
              <th>Tệp</th>
              <th>Trích yếu</th>
              <th>Nhiệm vụ</th>
              <th>Lỗi</th>
              <th>Cảnh báo</th>
              <th>Chỗ cần điền</th>
            </tr>
          </thead>
          <tbody>
            {plans.map((p) => (
              <tr key={p.path}>
                <td>
                  <a href={`/?plan=${encodeURIComponent(p.path)}`} onClick={(e) => (e.preventDefault(), props.onOpen(p.path))}>
                    {p.path}
                  </a>
                </td>
                <td class="title">{p.title}</td>
                <td class="num">{p.tasks}</td>
                <td class={`num ${p.errors ? "bad" : "good"}`}>{p.errors}</td>
                <td class="num">{p.warnings}</td>
                <td class="num">{p.placeholders}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewPlan onOpen={props.onOpen} />
    </div>
  );
}

function NewPlan(props: { onOpen: (p: string) => void }) {
  const [lib, setLib] = useState<{ directives: { id: string; name: string; title: string }[]; levels: string[] }>();
  const [f, setF] = useState({ directive: "", issuer: "", place: "", level: "province", family: "state", year: String(new Date().getFullYear()), out: "" });
  const [msg, setMsg] = useState("");
  useEffect(() => void getJson<typeof lib>("/api/library").then((l) => (setLib(l), setF((x) => ({ ...x, directive: l?.directives[0]?.id ?? "" })))), []);
  const set = (k: keyof typeof f) => (e: Event) => {
    const v = (e.target as HTMLInputElement).value;
    setF((x) => ({ ...x, [k]: v }));
  };
  const suggested = `${slug(f.place) || "ke-hoach-moi"}${f.directive ? `-${f.directive}` : ""}.yaml`;
  const LEVEL: Record<string, string> = { province: "Tỉnh", department: "Sở, ngành", commune: "Xã, phường" };
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      const r = await postJson<{ path: string }>("/api/init", { ...f, out: f.out.trim() || suggested });
      props.onOpen(r.path);
    } catch (err) {
      setMsg((err as Error).message);
    }
  };
  return (
    <form class="card newplan" onSubmit={submit} data-testid="newplan">
      <h2>Tạo kế hoạch mới theo văn bản cấp trên</h2>
      <label class="wide">
        Văn bản
        <select value={f.directive} onChange={set("directive")}>
          {lib?.directives.map((d) => (
            <option value={d.id} key={d.id}>
              {d.name} — {d.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        Cơ quan ban hành <input value={f.issuer} onInput={set("issuer")} placeholder="Ủy ban nhân dân tỉnh Bắc Kạn" required />
      </label>
      <label>
        Địa danh <input value={f.place} onInput={set("place")} placeholder="Bắc Kạn" required />
      </label>
      <label>
        Cấp
        <select value={f.level} onChange={set("level")}>
          {(lib?.levels ?? []).map((l) => (
            <option value={l} key={l}>
              {LEVEL[l] ?? l}
            </option>
          ))}
        </select>
      </label>
      <label>
        Thể thức
        <select value={f.family} onChange={set("family")}>
          <option value="state">Nhà nước (Nghị định 30/2020)</option>
          <option value="party">Đảng (Hướng dẫn 36-HD/VPTW)</option>
        </select>
      </label>
      <label>
        Năm <input value={f.year} onInput={set("year")} size={5} />
      </label>
      <label>
        Tên tệp <input value={f.out} onInput={set("out")} placeholder={suggested} />
      </label>
      <button type="submit">Tạo</button>
      {msg && <pre class="msg error">{msg}</pre>}
    </form>
  );
}

/** "Điện Biên" → "dien-bien": a file name from a Vietnamese name. */
function slug(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

// ——— one plan: form + preview ———

interface Ctx {
  data: Obj;
  /** the value at path, or a function of the current value there (for buttons whose row may not have re-rendered) */
  set: (path: Seg[], v: unknown) => void;
  diags: Map<string, Diagnostic[]>;
  focus: (text: string) => void;
  agencies: Agency[];
  deadlines: string[];
}

function Diags(props: { ctx: Ctx; path: string }) {
  const list = props.ctx.diags.get(props.path);
  if (!list?.length) return null;
  return (
    <ul class="diags" data-field={props.path}>
      {list.map((d, i) => (
        <li key={i} class={d.severity} title={d.text}>
          {/* a placeholder's message says what it is; its code stays in the tooltip (the CLI's full text) */}
          {d.severity === "placeholder" ? d.message : `${SEVERITY[d.severity]} [${d.code}]: ${d.message}`}
          {d.found !== undefined ? `; nhận được: ${d.found}` : ""}
          {d.expected && d.expected.length <= 80 ? `; cần: ${d.expected}` : ""}
          {d.line ? ` (dòng ${d.line})` : ""}
        </li>
      ))}
    </ul>
  );
}

function Field(props: { ctx: Ctx; path: Seg[]; label?: string; multiline?: boolean; lines?: boolean; number?: boolean; width?: string }) {
  const { ctx, path } = props;
  const raw = getIn(ctx.data, path);
  const value = props.lines && Array.isArray(raw) ? raw.join("\n") : raw === undefined || raw === null ? "" : String(raw);
  const p = pathText(path);
  const onInput = (e: Event) => {
    performance.mark("kh:input");
    const t = (e.target as HTMLInputElement).value;
    let v: unknown = t;
    if (props.lines) v = t.split("\n");
    else if (props.number) v = t.trim() === "" ? undefined : /^\d+$/.test(t.trim()) ? Number(t) : t;
    ctx.set(path, v);
    ctx.focus(snippet(t));
  };
  const input = props.multiline || props.lines ? (
    <textarea data-path={p} value={value} onInput={onInput} onFocus={() => ctx.focus(snippet(value))} rows={Math.min(8, Math.max(2, Math.ceil(value.length / 70)))} />
  ) : (
    <input data-path={p} value={value} onInput={onInput} onFocus={() => ctx.focus(snippet(value))} style={props.width ? { width: props.width } : undefined} />
  );
  return (
    <div class={`field ${ctx.diags.get(p)?.some((d) => d.severity === "error") ? "has-error" : ""}`}>
      {props.label && <label>{props.label}</label>}
      {input}
      <Diags ctx={ctx} path={p} />
    </div>
  );
}

function AgencyPicker(props: { ctx: Ctx; path: Seg[] }) {
  const { ctx, path } = props;
  const ids = (getIn(ctx.data, path) as string[] | undefined) ?? [];
  const byId = new Map(ctx.agencies.map((a) => [a.id, a.name]));
  const [text, setText] = useState("");
  const p = pathText(path);
  const add = () => {
    const t = text.normalize("NFC").trim();
    if (!t) return;
    const found = ctx.agencies.find((a) => a.name.toLocaleLowerCase("vi") === t.toLocaleLowerCase("vi") || a.id === t);
    ctx.set(path, [...ids, found ? found.id : t]);
    setText("");
  };
  return (
    <div class="field agencies" data-path={p}>
      {ids.map((id, i) => (
        <span class={`chip ${byId.has(id) ? "" : "unknown"}`} key={`${id}-${i}`} title={id}>
          {byId.get(id) ?? id}
          <button type="button" aria-label={`bỏ ${byId.get(id) ?? id}`} onClick={() => ctx.set(path, ids.filter((_, k) => k !== i))}>
            ×
          </button>
        </span>
      ))}
      <input
        list="agency-list"
        value={text}
        placeholder="+ cơ quan"
        data-path={`${p}+`}
        onInput={(e) => setText((e.target as HTMLInputElement).value)}
        onChange={add}
        onKeyDown={(e) => e.key === "Enter" && (e.preventDefault(), add())}
      />
      <Diags ctx={ctx} path={p} />
    </div>
  );
}

function Section(props: { title: string; id: string; children: ComponentChildren }) {
  return (
    <section class="card" id={props.id}>
      <h2>{props.title}</h2>
      {props.children}
    </section>
  );
}

/** Every path the form shows a field for, so a diagnostic finds its place. */
function shownPaths(data: Obj): Set<string> {
  const out = new Set<string>(["issuer.name", "issuer.fullName", "issuer.place", "number", "symbol", "date", "title", "signer.authority", "signer.delegate", "signer.title", "signer.name", "legalBasis", "legalBasis.conclusion", "targets", "tasks"]);
  const list = (k: string) => (Array.isArray(data[k]) ? (data[k] as unknown[]) : []);
  if (isObj(data.legalBasis) && Array.isArray(data.legalBasis.items)) data.legalBasis.items.forEach((_, i) => out.add(`legalBasis.items[${i}]`));
  list("targets").forEach((_, i) => ["", ".id", ".text", ".milestone"].forEach((f) => out.add(`targets[${i}]${f}`)));
  list("tasks").forEach((_, i) => ["", ".id", ".section", ".content", ".lead", ".partners", ".deadline"].forEach((f) => out.add(`tasks[${i}]${f}`)));
  list("sections").forEach((s, i) => {
    out.add(`sections[${i}].title`);
    if (isObj(s)) for (const k of ["letters", "paragraphs", "dashes"]) if (Array.isArray(s[k])) (s[k] as unknown[]).forEach((_, j) => out.add(`sections[${i}].${k}[${j}]`));
  });
  for (const k of ["purposes", "requirements"]) list(k).forEach((_, i) => out.add(`${k}[${i}]`));
  const walk = (node: unknown, path: string) => {
    if (!isObj(node)) return;
    out.add(`${path}.title`);
    for (const k of ["letters", "paragraphs", "dashes"]) if (Array.isArray(node[k])) (node[k] as unknown[]).forEach((_, j) => out.add(`${path}.${k}[${j}]`));
    if (Array.isArray(node.children)) node.children.forEach((c, j) => walk(c, `${path}.children[${j}]`));
  };
  list("outline").forEach((n, i) => walk(n, `outline[${i}]`));
  return out;
}

function TargetsTable(props: { ctx: Ctx }) {
  const { ctx } = props;
  const targets = (ctx.data.targets as Obj[] | undefined) ?? [];
  return (
    <Section title="Mục tiêu" id="targets">
      <table class="grid" data-testid="targets">
        <thead>
          <tr>
            <th>Mã</th>
            <th>Nội dung (con số, tỷ lệ)</th>
            <th>Mốc</th>
          </tr>
        </thead>
        <tbody>
          {targets.map((_, i) => (
            <tr key={i} data-row={`targets[${i}]`}>
              <td class="id">
                <Field ctx={ctx} path={["targets", i, "id"]} />
              </td>
              <td>
                <Field ctx={ctx} path={["targets", i, "text"]} multiline />
                <Diags ctx={ctx} path={`targets[${i}]`} />
              </td>
              <td class="short">
                <Field ctx={ctx} path={["targets", i, "milestone"]} width="4.5em" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => ctx.set(["targets"], (old: Obj[] = []) => [...old, { id: `muc-tieu-${old.length + 1}`, text: "[[Nội dung mục tiêu]]" }])}>
        + Thêm mục tiêu
      </button>
    </Section>
  );
}

interface SectionRef {
  id: string;
  title: string;
}

function TasksGrid(props: { ctx: Ctx }) {
  const { ctx } = props;
  const tasks = (ctx.data.tasks as Obj[] | undefined) ?? [];
  const sections = useMemo(() => ((ctx.data.sections as Obj[] | undefined) ?? []).map((s) => ({ id: String(s.id), title: String(s.title ?? "") })), [ctx.data.sections]);
  const addRow = () =>
    ctx.set(["tasks"], (old: Obj[] = []) => {
      const ids = new Set(old.map((t) => String(t.id)));
      let n = old.length + 1;
      while (ids.has(`t${String(n).padStart(2, "0")}`)) n++;
      return [...old, { id: `t${String(n).padStart(2, "0")}`, section: sections[0]?.id ?? "", content: "[[Nội dung nhiệm vụ]]", lead: [], partners: [], deadline: "thường xuyên" }];
    });
  return (
    <Section title="Nhiệm vụ (Phụ lục)" id="tasks">
      <table class="grid tasks" data-testid="tasks">
        <thead>
          <tr>
            <th />
            <th>Mã / mục</th>
            <th>Nội dung</th>
            <th>Chủ trì</th>
            <th>Phối hợp</th>
            <th>Thời hạn</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((t, i) => (
            <TaskRow key={String(t.id)} ctx={ctx} t={t} i={i} sections={sections} />
          ))}
        </tbody>
      </table>
      <button type="button" onClick={addRow}>
        + Thêm nhiệm vụ
      </button>
    </Section>
  );
}

/** Moves row i by d (−1 up, +1 down) in the current list. */
const moved = (i: number, d: number) => (old: Obj[] = []) => {
  const j = i + d;
  if (j < 0 || j >= old.length) return old;
  const next = [...old];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
};

interface RowProps {
  ctx: Ctx;
  t: Obj;
  i: number;
  sections: SectionRef[];
}

// a keystroke re-renders only its own row: the others keep their task object (setIn copies one path)
const TaskRow = memo(
  function TaskRow({ ctx, t, i, sections }: RowProps) {
    return (
      <tr data-row={`tasks[${i}]`} data-id={String(t.id)} onFocusIn={() => ctx.focus(snippet(String(t.content ?? "")))}>
        <td class="tools">
          <button type="button" title="lên" onClick={() => ctx.set(["tasks"], moved(i, -1))}>
            ↑
          </button>
          <button type="button" title="xuống" onClick={() => ctx.set(["tasks"], moved(i, 1))}>
            ↓
          </button>
          <button type="button" title="xóa dòng" onClick={() => ctx.set(["tasks"], (old: Obj[] = []) => old.filter((_, k) => k !== i))}>
            ×
          </button>
        </td>
        <td class="id">
          <Field ctx={ctx} path={["tasks", i, "id"]} />
          <select data-path={`tasks[${i}].section`} value={String(t.section ?? "")} onChange={(e) => ctx.set(["tasks", i, "section"], (e.target as HTMLSelectElement).value)}>
            {sections.map((s) => (
              <option value={s.id} key={s.id} title={s.title}>
                {s.id}
              </option>
            ))}
            {!sections.some((s) => s.id === t.section) && <option value={String(t.section ?? "")}>{String(t.section ?? "")}</option>}
          </select>
          <Diags ctx={ctx} path={`tasks[${i}].section`} />
        </td>
        <td class="content">
          <Field ctx={ctx} path={["tasks", i, "content"]} multiline />
          <Diags ctx={ctx} path={`tasks[${i}]`} />
        </td>
        <td class="ag">
          <AgencyPicker ctx={ctx} path={["tasks", i, "lead"]} />
        </td>
        <td class="ag">
          <AgencyPicker ctx={ctx} path={["tasks", i, "partners"]} />
        </td>
        <td class="deadline">
          {isObj(t.deadline) ? <Field ctx={ctx} path={["tasks", i, "deadline", "theo"]} multiline /> : <Field ctx={ctx} path={["tasks", i, "deadline"]} />}
          <div class="printed" data-testid={`deadline-${i}`}>
            {ctx.deadlines[i] ? `In: ${ctx.deadlines[i]}` : ""}
          </div>
          <Diags ctx={ctx} path={`tasks[${i}].deadline`} />
        </td>
      </tr>
    );
  },
  (a, b) => a.t === b.t && a.i === b.i && a.sections === b.sections && a.ctx.diags === b.ctx.diags && a.ctx.agencies === b.ctx.agencies && a.ctx.deadlines[a.i] === b.ctx.deadlines[b.i],
);

function TextList(props: { ctx: Ctx; path: Seg[]; label: string }) {
  const list = getIn(props.ctx.data, props.path);
  if (!Array.isArray(list) || list.length === 0) return null;
  return (
    <div class="textlist">
      <label>{props.label}</label>
      {list.map((item, i) => (typeof item === "string" ? <Field key={i} ctx={props.ctx} path={[...props.path, i]} multiline /> : isObj(item) && typeof item.text === "string" ? <Field key={i} ctx={props.ctx} path={[...props.path, i, "text"]} multiline /> : null))}
    </div>
  );
}

function Opening(props: { ctx: Ctx }) {
  const { ctx } = props;
  const lb = ctx.data.legalBasis;
  return (
    <Section title="Mở đầu: căn cứ, mục đích, yêu cầu" id="opening">
      {typeof lb === "string" ? (
        <Field ctx={ctx} path={["legalBasis"]} label="Căn cứ" multiline />
      ) : (
        <>
          <TextList ctx={ctx} path={["legalBasis", "items"]} label="Căn cứ (thực hiện…)" />
          <Field ctx={ctx} path={["legalBasis", "conclusion"]} label="Câu ban hành" multiline />
        </>
      )}
      <TextList ctx={ctx} path={["purposes"]} label="Mục đích" />
      <TextList ctx={ctx} path={["requirements"]} label="Yêu cầu" />
    </Section>
  );
}

/** One node of a plan's own outline (`outline:`), with its children. */
function OutlineNode(props: { ctx: Ctx; path: Seg[]; depth: number }) {
  const node = getIn(props.ctx.data, props.path);
  if (!isObj(node)) return null;
  const children = Array.isArray(node.children) ? node.children : [];
  return (
    <div class="outline-item" style={{ marginLeft: `${Math.min(props.depth, 3) * 8}px` }}>
      {typeof node.title === "string" && <Field ctx={props.ctx} path={[...props.path, "title"]} label={`Tiêu đề (cấp ${props.depth + 1})`} multiline />}
      {typeof node.use === "string" && <div class="printed">Chèn từ dữ liệu: {node.use}</div>}
      <TextList ctx={props.ctx} path={[...props.path, "paragraphs"]} label="Đoạn văn" />
      <TextList ctx={props.ctx} path={[...props.path, "letters"]} label="Các ý a), b), c)…" />
      <TextList ctx={props.ctx} path={[...props.path, "dashes"]} label="Các ý gạch đầu dòng" />
      {children.map((_, i) => (
        <OutlineNode key={i} ctx={props.ctx} path={[...props.path, "children", i]} depth={props.depth + 1} />
      ))}
    </div>
  );
}

function Outline(props: { ctx: Ctx }) {
  const sections = (props.ctx.data.sections as Obj[] | undefined) ?? [];
  const outline = Array.isArray(props.ctx.data.outline) ? props.ctx.data.outline : [];
  if (!sections.length && !outline.length) return null;
  return (
    <>
      {outline.length > 0 && (
        <Section title="Dàn ý riêng của kế hoạch" id="own-outline">
          {outline.map((_, i) => (
            <OutlineNode key={i} ctx={props.ctx} path={["outline", i]} depth={0} />
          ))}
        </Section>
      )}
      {sections.length > 0 && <Sections ctx={props.ctx} sections={sections} />}
    </>
  );
}

function Sections(props: { ctx: Ctx; sections: Obj[] }) {
  const { sections } = props;
  return (
    <Section title="Dàn ý: các mục nhiệm vụ, giải pháp" id="outline">
      {sections.map((s, i) => (
        <div class="outline-item" key={String(s.id)}>
          <Field ctx={props.ctx} path={["sections", i, "title"]} label={`Mục ${i + 1} (${String(s.id)})`} multiline />
          <TextList ctx={props.ctx} path={["sections", i, "paragraphs"]} label="Đoạn văn" />
          <TextList ctx={props.ctx} path={["sections", i, "letters"]} label="Các ý a), b), c)…" />
          <TextList ctx={props.ctx} path={["sections", i, "dashes"]} label="Các ý gạch đầu dòng" />
        </div>
      ))}
    </Section>
  );
}

function Header(props: { ctx: Ctx }) {
  const { ctx } = props;
  const date = (ctx.data.date as Obj | undefined) ?? {};
  const setDate = (k: string) => (e: Event) => {
    const t = (e.target as HTMLInputElement).value.trim();
    ctx.set(["date", k], t === "" ? undefined : /^\d+$/.test(t) ? Number(t) : t);
  };
  return (
    <Section title="Tiêu đề văn bản" id="header">
      <div class="row">
        <Field ctx={ctx} path={["issuer", "fullName"]} label="Cơ quan ban hành" />
        <Field ctx={ctx} path={["issuer", "place"]} label="Địa danh" />
      </div>
      <div class="row">
        <Field ctx={ctx} path={["issuer", "name"]} label="Tên cơ quan trên tiêu đề (mỗi dòng một dòng)" lines />
        <Field ctx={ctx} path={["title"]} label="Trích yếu (mỗi dòng một dòng)" lines />
      </div>
      <div class="row">
        <Field ctx={ctx} path={["number"]} label="Số" number width="5em" />
        <Field ctx={ctx} path={["symbol"]} label="Ký hiệu" width="9em" />
        <div class="field">
          <label>Ngày ban hành (ngày / tháng / năm)</label>
          <span class="date">
            <input data-path="date.day" value={String(date.day ?? "")} onInput={setDate("day")} size={3} />/
            <input data-path="date.month" value={String(date.month ?? "")} onInput={setDate("month")} size={3} />/
            <input data-path="date.year" value={String(date.year ?? "")} onInput={setDate("year")} size={5} />
          </span>
          <Diags ctx={ctx} path="date" />
        </div>
      </div>
      <div class="row">
        <Field ctx={ctx} path={["signer", "authority"]} label="Thẩm quyền ký" />
        <Field ctx={ctx} path={["signer", "delegate"]} label="Ký thay" />
        <Field ctx={ctx} path={["signer", "title"]} label="Chức vụ" />
        <Field ctx={ctx} path={["signer", "name"]} label="Người ký" />
      </div>
    </Section>
  );
}

/**
 * A part of the form that re-renders only when the data it shows changed (or
 * the diagnostics, agencies, printed deadlines): typing in one field must not
 * redraw the whole form.
 */
function memoOn(C: FunctionComponent<{ ctx: Ctx }>, keys: string[]): FunctionComponent<{ ctx: Ctx }> {
  return memo(C, (a, b) => a.ctx.diags === b.ctx.diags && a.ctx.agencies === b.ctx.agencies && a.ctx.deadlines === b.ctx.deadlines && keys.every((k) => a.ctx.data[k] === b.ctx.data[k]));
}
const HeaderPart = memoOn(Header, ["issuer", "title", "number", "symbol", "date", "signer"]);
const OpeningPart = memoOn(Opening, ["legalBasis", "purposes", "requirements"]);
const TargetsPart = memoOn(TargetsTable, ["targets"]);
const TasksPart = memoOn(TasksGrid, ["tasks", "sections"]);
const OutlinePart = memoOn(Outline, ["outline", "sections"]);

/** Keeps the previous value while the new one is equal, so memoised parts see no change. */
function stable<T>(prev: T, next: T): T {
  return JSON.stringify(prev) === JSON.stringify(next) ? prev : next;
}

type Panel = { kind: "changes"; report: string[] } | { kind: "import"; result: ImportResult } | { kind: "adapt" } | { kind: "conflict" };
interface ImportResult {
  report: { changed: { id: string; fields: string[] }[]; added: string[]; deleted: string[]; unknownAgencies: { sheetRow: number; id: string; name: string }[]; badDeadlines: { sheetRow: number; id: string; text: string }[]; missingIds: number[]; notes: { id: string; note: string }[]; targetsChanged: string[] };
  tasks?: unknown[];
  targets?: unknown[];
}

function Editor(props: { path: string; onOpen: (p: string | undefined) => void }) {
  const [data, setData] = useState<Obj | undefined>();
  const [saved, setSaved] = useState<string>("");
  const [hash, setHash] = useState("");
  const [ev, setEv] = useState<Evaluation>({ diagnostics: [], agencies: [], deadlines: [], ok: false });
  const [pdf, setPdf] = useState<Uint8Array | undefined>();
  const [focus, setFocus] = useState("");
  const [status, setStatus] = useState("Đang mở…");
  const [msg, setMsg] = useState<{ text: string; error?: boolean }>();
  const [panel, setPanel] = useState<Panel | undefined>();
  const body = { path: props.path, data };
  /** the newest data, ahead of rendering: an edit is sent before the form re-renders */
  const latest = useRef<Obj | undefined>(undefined);
  latest.current = data;

  const load = async () => {
    const r = await getJson<{ data: Obj; hash: string } & Evaluation>(`/api/plan?path=${encodeURIComponent(props.path)}`);
    setData(r.data);
    setSaved(JSON.stringify(r.data));
    setHash(r.hash);
    setEv(r);
    setPanel(undefined);
  };
  useEffect(() => void load().catch((e: Error) => setMsg({ text: e.message, error: true })), []);

  // The preview follows every edit with no waiting when no request is running;
  // while one runs, only the newest edit is kept and sent when it returns (the
  // server would otherwise work through every keystroke of a fast typist).
  const queue = useMemo(
    () =>
      previewQueue(async (d, superseded) => {
        try {
          performance.mark("kh:request");
          const r = await postPreview({ path: props.path, data: d });
          performance.mark("kh:response");
          if (superseded()) return;
          setEv((old) => ({ ...r.ev, agencies: stable(old.agencies, r.ev.agencies), deadlines: stable(old.deadlines, r.ev.deadlines) }));
          if (r.pdf) setPdf(r.pdf);
          else setStatus(`Bản xem trước chưa cập nhật: kế hoạch có lỗi (${r.ev.diagnostics.filter((x) => x.severity === "error").length})`);
        } catch (e) {
          if (!superseded()) setStatus((e as Error).message);
        }
      }),
    [],
  );
  const sent = useRef<Obj | undefined>(undefined);
  const preview = (d: Obj | undefined) => {
    if (!d || d === sent.current) return;
    sent.current = d;
    setStatus("Đang cập nhật bản xem trước…");
    queue(d);
  };
  // data that changed otherwise (opened, reloaded, imported from Excel)
  useEffect(() => {
    performance.mark("kh:committed");
    preview(data);
  }, [data]);
  const set = useCallback((path: Seg[], v: unknown) => {
    const cur = latest.current;
    const next = setIn(cur, path, typeof v === "function" ? (v as (old: unknown) => unknown)(getIn(cur, path)) : v) as Obj;
    latest.current = next;
    preview(next);
    setData(next);
  }, []);

  const diagKey = JSON.stringify(ev.diagnostics);
  const shown = data ? [...shownPaths(data)] : [];
  const shownKey = shown.join("|");
  const diags = useMemo(() => {
    const m = new Map<string, Diagnostic[]>();
    const paths = new Set(shown);
    for (const d of ev.diagnostics) {
      const f = fieldFor(d.path, paths) ?? "";
      m.set(f, [...(m.get(f) ?? []), d]);
    }
    return m;
  }, [diagKey, shownKey]);

  const save = async (force = false) => {
    setMsg(undefined);
    try {
      const r = await postJson<{ hash: string }>("/api/save", { ...body, hash, force });
      setHash(r.hash);
      setSaved(JSON.stringify(data));
      setPanel(undefined);
      setMsg({ text: `Đã lưu ${props.path}` });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setPanel({ kind: "conflict" });
      else setMsg({ text: (e as Error).message, error: true });
    }
  };
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === "s") {
        e.preventDefault();
        void save();
      }
    };
    addEventListener("keydown", key);
    return () => removeEventListener("keydown", key);
  });
  const act = (f: () => Promise<unknown>) => () => void f().catch((e: Error) => setMsg({ text: e.message, error: true }));
  const changes = act(async () => setPanel({ kind: "changes", report: (await postJson<{ report: string[] }>("/api/changes", body)).report }));
  const importXlsx = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    act(async () => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let bin = "";
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      const result = await postJson<ImportResult>("/api/xlsx/import", { ...body, xlsx: btoa(bin) });
      setPanel({ kind: "import", result });
      input.value = "";
    })();
  };

  if (!data) return <div class="home">{msg ? <p class="msg error">{msg.text}</p> : "Đang mở…"}</div>;
  const dirty = JSON.stringify(data) !== saved;
  const ctx: Ctx = {
    data,
    set,
    diags,
    focus: setFocus,
    agencies: ev.agencies,
    deadlines: ev.deadlines,
  };
  const general = diags.get("") ?? [];
  const count = (s: Diagnostic["severity"]) => ev.diagnostics.filter((d) => d.severity === s).length;
  return (
    <div class="editor">
      <header class="bar">
        <button type="button" onClick={() => props.onOpen(undefined)} title="danh sách kế hoạch">
          ←
        </button>
        <strong class="file">
          {props.path}
          {dirty ? " •" : ""}
        </strong>
        <span class="counts" data-testid="counts">
          {count("error")} lỗi · {count("warning")} cảnh báo · {count("placeholder")} chỗ cần điền
        </span>
        <button type="button" class="primary" onClick={() => void save()} data-testid="save">
          Lưu
        </button>
        <button type="button" onClick={act(() => downloadPost("/api/download", { ...body, format: "docx" }))} data-testid="download-docx" title="tải bản Word của kế hoạch đang sửa">
          DOCX
        </button>
        <button type="button" onClick={act(() => downloadPost("/api/download", { ...body, format: "pdf" }))} data-testid="download-pdf" title="tải bản PDF của kế hoạch đang sửa">
          PDF
        </button>
        <button type="button" onClick={changes} data-testid="changes-open">
          Thay đổi từ lần lưu
        </button>
        <button type="button" onClick={act(() => downloadPost("/api/xlsx/export", body))} data-testid="xlsx-export">
          Xuất Excel
        </button>
        <label class="button">
          Nhập Excel
          <input type="file" accept=".xlsx" onChange={importXlsx} data-testid="xlsx-import" hidden />
        </label>
        <button type="button" onClick={() => setPanel({ kind: "adapt" })} data-testid="adapt-open">
          Chuyển cho xã
        </button>
      </header>
      {msg && (
        <div class={`msg ${msg.error ? "error" : "ok"}`} data-testid="message" onClick={() => setMsg(undefined)}>
          {msg.text}
        </div>
      )}
      {panel && <PanelView panel={panel} ctx={ctx} path={props.path} body={body} close={() => setPanel(undefined)} reload={act(load)} save={save} onOpen={props.onOpen} setData={setData} />}
      <main class="split">
        <div class="form" data-testid="form">
          {general.length > 0 && (
            <section class="card">
              <h2>Thông báo chung</h2>
              <Diags ctx={ctx} path="" />
            </section>
          )}
          <HeaderPart ctx={ctx} />
          <OpeningPart ctx={ctx} />
          <TargetsPart ctx={ctx} />
          <TasksPart ctx={ctx} />
          <OutlinePart ctx={ctx} />
          <datalist id="agency-list">
            {ev.agencies.map((a) => (
              <option value={a.name} key={a.id} />
            ))}
          </datalist>
        </div>
        <div class="side">
          <div class="status" data-testid="preview-status">
            {status}
          </div>
          <Preview pdf={pdf} focus={focus} onRendered={() => setStatus(`Bản xem trước đã cập nhật lúc ${new Date().toLocaleTimeString("vi")}`)} />
        </div>
      </main>
    </div>
  );
}

/** The `kehoach diff` report, its "[-old-]{+new+}" words shown struck out and underlined. */
function Report(props: { lines: string[]; none: string }) {
  if (!props.lines.length) return <pre class="report">{props.none}</pre>;
  return (
    <pre class="report">
      {props.lines.map((line, i) => (
        <div key={i}>
          {line.split(/(\[-[\s\S]*?-\]|\{\+[\s\S]*?\+\})/).map((part, k) =>
            part.startsWith("[-") && part.endsWith("-]") ? (
              <del key={k}>{part}</del>
            ) : part.startsWith("{+") && part.endsWith("+}") ? (
              <ins key={k}>{part}</ins>
            ) : (
              part
            ),
          )}
          {line === "" ? "\n" : ""}
        </div>
      ))}
    </pre>
  );
}

function PanelView(props: { panel: Panel; ctx: Ctx; path: string; body: unknown; close: () => void; reload: () => void; save: (force?: boolean) => Promise<void>; onOpen: (p: string) => void; setData: (f: (d: Obj | undefined) => Obj | undefined) => void }) {
  const { panel } = props;
  const [adapt, setAdapt] = useState({ commune: "", family: "party", year: String(new Date().getFullYear()), out: "" });
  const [err, setErr] = useState("");
  const [compare, setCompare] = useState<string[] | undefined>();
  if (panel.kind === "conflict") {
    return (
      <div class="panel warn" data-testid="conflict">
        <strong>Tệp {props.path} đã bị thay đổi trên đĩa sau khi trang mở nó.</strong> Chưa lưu gì. Chọn:
        <button type="button" onClick={props.reload}>Tải lại từ đĩa (bỏ sửa đổi trên trang)</button>
        <button type="button" onClick={() => void postJson<{ report: string[] }>("/api/changes", props.body).then((r) => setCompare(r.report), (e: Error) => setErr(e.message))}>So sánh với bản trên đĩa</button>
        <button type="button" onClick={() => void props.save(true)}>Vẫn ghi đè</button>
        {compare && <Report lines={compare} none="Không khác." />}
        {err && <pre class="msg error">{err}</pre>}
      </div>
    );
  }
  if (panel.kind === "changes") {
    return (
      <div class="panel" data-testid="changes">
        <button type="button" class="close" onClick={props.close}>×</button>
        <strong>Thay đổi từ lần lưu</strong>
        <Report lines={panel.report} none="Chưa có thay đổi." />
        <button type="button" onClick={() => void downloadPost("/api/changes/docx", props.body).catch((e: Error) => setErr(e.message))} data-testid="changes-docx">
          Tải DOCX có theo dõi thay đổi
        </button>
        {err && <pre class="msg error">{err}</pre>}
      </div>
    );
  }
  if (panel.kind === "import") {
    const r = panel.result.report;
    const blocked = !panel.result.tasks;
    return (
      <div class="panel" data-testid="import-report">
        <button type="button" class="close" onClick={props.close}>×</button>
        <strong>Nhập từ Excel</strong>
        <ul>
          <li>Nhiệm vụ thay đổi: {r.changed.length ? r.changed.map((c) => `${c.id} (${c.fields.join(", ")})`).join("; ") : "không"}</li>
          <li>Dòng thêm: {r.added.join(", ") || "không"}</li>
          <li>Dòng xóa: {r.deleted.join(", ") || "không"}</li>
          <li>Mục tiêu thay đổi: {r.targetsChanged.join(", ") || "không"}</li>
          {r.unknownAgencies.map((u, i) => (
            <li class="error" key={`u${i}`}>
              Dòng {u.sheetRow} ({u.id}): không có cơ quan “{u.name}” trong sổ cơ quan
            </li>
          ))}
          {r.badDeadlines.map((b, i) => (
            <li class="error" key={`d${i}`}>
              Dòng {b.sheetRow} ({b.id}): thời hạn “{b.text}” không đúng dạng
            </li>
          ))}
          {r.missingIds.map((n) => (
            <li class="error" key={`m${n}`}>
              Dòng {n}: thiếu mã nhiệm vụ
            </li>
          ))}
          {r.notes.map((n, i) => (
            <li key={`n${i}`}>
              Ghi chú {n.id}: {n.note}
            </li>
          ))}
        </ul>
        {blocked ? (
          <p class="msg error">Chưa áp dụng: sửa các dòng trên trong tệp Excel rồi nhập lại.</p>
        ) : (
          <button
            type="button"
            class="primary"
            data-testid="import-apply"
            onClick={() => {
              props.setData((d) => ({ ...d, tasks: panel.result.tasks, ...(panel.result.targets ? { targets: panel.result.targets } : {}) }));
              props.close();
            }}
          >
            Áp dụng vào kế hoạch (chưa lưu)
          </button>
        )}
      </div>
    );
  }
  // the new file sits beside the province's plan unless told otherwise
  const folder = props.path.includes("/") ? props.path.slice(0, props.path.lastIndexOf("/") + 1) : "";
  const adaptOut = `${folder}xa-${slug(adapt.commune) || "ten-xa"}.yaml`;
  const set = (k: keyof typeof adapt) => (e: Event) => {
    const v = (e.target as HTMLInputElement).value;
    setAdapt((x) => ({ ...x, [k]: v }));
  };
  return (
    <form
      class="panel"
      data-testid="adapt"
      onSubmit={(e) => {
        e.preventDefault();
        void postJson<{ path: string }>("/api/adapt", { path: props.path, ...adapt, out: adapt.out.trim() || adaptOut }).then((r) => props.onOpen(r.path), (e: Error) => setErr(e.message));
      }}
    >
      <button type="button" class="close" onClick={props.close}>×</button>
      <strong>Chuyển kế hoạch (đã lưu) cho một xã, phường</strong>
      <label>
        Tên xã/phường <input value={adapt.commune} onInput={set("commune")} placeholder="Đồng Tâm" size={16} required />
      </label>
      <label>
        Thể thức
        <select value={adapt.family} onChange={set("family")}>
          <option value="party">Đảng ủy xã</option>
          <option value="state">UBND xã</option>
        </select>
      </label>
      <label>
        Năm <input value={adapt.year} onInput={set("year")} size={5} />
      </label>
      <label>
        Tên tệp <input value={adapt.out} onInput={set("out")} placeholder={adaptOut} size={28} />
      </label>
      <button type="submit">Tạo kế hoạch cấp xã</button>
      {err && <pre class="msg error">{err}</pre>}
    </form>
  );
}

/**
 * Runs `send` for the newest value: at once when idle, else once the running
 * call ends (values in between are skipped). `superseded()` tells a call that
 * a newer value is waiting, so its answer is stale.
 */
function previewQueue<T>(send: (v: T, superseded: () => boolean) => Promise<void>): (v: T) => void {
  let busy = false;
  let waiting: { v: T } | undefined;
  const run = async (v: T): Promise<void> => {
    busy = true;
    try {
      await send(v, () => waiting !== undefined);
    } finally {
      busy = false;
    }
    if (waiting) {
      const next = waiting.v;
      waiting = undefined;
      void run(next);
    }
  };
  return (v) => {
    if (busy) waiting = { v };
    else void run(v);
  };
}

const root = document.getElementById("app")!;
root.textContent = "";
render(<App />, root);
