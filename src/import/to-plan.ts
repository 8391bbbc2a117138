// Recognised parts → plan data (the input form of src/model/plan.ts): an
// outline that keeps every paragraph in its place, targets, documents linked
// to the library, appendix rows as tasks with agencies and deadlines.
import type { Level } from "../model/levels.ts";
import { appendixHeading, signsForStandingCommittee, standingCommittee } from "../derive/appendix.ts";
import { TARGET_COLUMNS, TASK_COLUMNS } from "../model/appendix.ts";
import type { ItemInput, NodeInput, PlanInput } from "../model/plan.ts";
import { abbreviates, agencyIdOf, agencySlug, findAgency, looksLikeAgency, readAgencyCell, type AgencyBook } from "./agencies.ts";
import { defaultExecutors, type RDecision } from "./decision.ts";
import { readIndicators } from "./indicators.ts";
import { deadlineStyle, deadlineValue } from "./deadlines.ts";
import { collectCitations, linkCitations, newRegistry, type KnownDoc } from "./citations.ts";
import { NOTE_MARK } from "./source.ts";
import type { Note, Recognised, RItem, RNode } from "./recognise.ts";

export interface ImportContext {
  /** library documents: id → citation */
  library: KnownDoc[];
  /** agency registries of the levels */
  levels: Map<Level, Record<string, { name: string; group?: boolean | undefined }>>;
}

export interface ImportSummary {
  recognised: string[];
  counts: { tasks: number; targets: number; documents: number; libraryDocuments: number; citations: number; agencies: number; localAgencies: string[]; sections: number };
  leftAsText: number;
  notes: Note[];
}

const STATE_NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const PARTY_NUMBERING = { roman: "-", arabic: "-", sub: "-", letter: ")" };
const STATE_NUMBERING = { roman: ".", arabic: ".", sub: ".", letter: ")" };

function detectLevel(r: Recognised): Level | undefined {
  const name = [...r.issuerParent, ...r.issuerName].join(" ");
  const own = r.issuerName.join(" ");
  // (\b is ASCII-only: "XÃ" and "SỞ" end in letters it does not see)
  if (/(?:^|\s)(XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)(?=\s|$)/u.test(own)) return "commune";
  if (/^(SỞ|BAN|VĂN PHÒNG|BỆNH VIỆN|TRUNG TÂM)(?=\s|$)/u.test(own)) return "department";
  if (/TỈNH|THÀNH PHỐ/u.test(name)) return "province";
  return undefined;
}

/** "ỦY BAN NHÂN DÂN TỈNH BẮC KẠN" as the text writes it in a sentence, else a sentence-case guess. */
function fullName(r: Recognised, texts: string[]): string {
  const first = r.appendices.find((a) => a.caption);
  const caption = first?.caption ? captionOf(first.caption) : undefined;
  // a Party committee's caption names its standing committee, printed from the signer (derive/appendix.ts)
  if (caption) return standing(r) ? withoutStandingCommittee(caption.trim()) : caption.trim();
  const upper = r.issuerName.join(" ").replace(/\s+/g, " ").trim();
  if (!upper) return "[[Tên cơ quan ban hành]]";
  const lower = upper.toLocaleLowerCase("vi");
  for (const t of texts) {
    const i = t.toLocaleLowerCase("vi").indexOf(lower);
    if (i >= 0) {
      const found = t.slice(i, i + upper.length);
      return found[0]!.toLocaleUpperCase("vi") + found.slice(1);
    }
  }
  const place = r.place ?? "";
  let s = lower.charAt(0).toLocaleUpperCase("vi") + lower.slice(1);
  if (place) s = s.replace(new RegExp(place.toLocaleLowerCase("vi"), "u"), place);
  return s;
}

/** Every text of the recognised plan, for the citation pass. */
function allTexts(r: Recognised): string[] {
  const out: string[] = [...r.title, ...r.legalBasis];
  if (r.decision) out.push(...r.decision.title, ...r.decision.bases, ...(r.decision.proposal ? [r.decision.proposal] : []), ...r.decision.articles);
  const items = (xs: RItem[]) => xs.forEach((x) => (out.push(x.text), items(x.bullets)));
  const nodes = (ns: RNode[]) =>
    ns.forEach((n) => {
      if (n.title) out.push(n.title);
      n.content.forEach((c) => items(c.items));
      nodes(n.children);
    });
  nodes(r.outline);
  if (r.closing) out.push(r.closing);
  for (const a of r.appendices) {
    out.push(a.title);
    for (const row of a.rows) out.push(row.content, ...(row.rows ?? []).map((x) => x.content), ...[row.output, row.note, row.budget].filter((x): x is string => !!x));
    for (const g of a.targets) out.push(g.text);
  }
  return out;
}

const TARGET_TITLE = /mục tiêu|chỉ tiêu/iu;
/** a task printed under its agency: "<content> Thời gian thực hiện: <deadline>." (templates/partials/duty-entry.hbs) */
const DUTY_TASK = /^(.+?[.;!?…)"”]?) Thời gian thực hiện: (.+)\.$/u;
/** the sentence listing an agency's tasks in the appendix (templates/partials/duty.hbs) */
const LIST_TASKS = /^Chủ trì thực hiện (?:các )?nhiệm vụ số [\d, và]+ tại Phụ lục(?: [IVX]+)? kèm theo\.$/u;

function outlineItems(ns: RNode[]): RItem[] {
  return ns.flatMap((n) => [...n.content.flatMap((c) => c.items), ...outlineItems(n.children)]);
}

/** a Party plan signed for its standing committee (T/M BAN THƯỜNG VỤ) */
/** "Đảng ủy xã …" from "Ban Thường vụ Đảng ủy xã …": the issuer a standing committee's caption names. */
function withoutStandingCommittee(caption: string): string {
  const [before, after] = standingCommittee("\u0000").split("\u0000") as [string, string];
  return caption.startsWith(before) && caption.endsWith(after) ? caption.slice(before.length, caption.length - after.length).trim() : caption;
}

const standing = (r: Recognised) => signsForStandingCommittee(r.family, r.signer.authority);

/** "(Kèm theo Kế hoạch số … của Sở Y tế)" → "Sở Y tế" */
const captionOf = (caption: string) => /của (.+?)\)?$/u.exec(caption)?.[1]?.trim();


/** The appendices as data: what each tabulates, its columns and header words where they differ from ours, groups, caption. */
function appendixData(r: Recognised, taskCount: number, fullName: string, safe: (s: string) => string): { appendix?: PlanInput["appendix"] } {
  const list = r.appendices.filter((a) => (a.content === "tasks" ? taskCount > 0 : a.targets.length > 0));
  if (!list.length) return {};
  const out = list.map((a, i) => {
    const defaults: Record<string, string> = a.content === "tasks" ? Object.fromEntries(Object.entries(TASK_COLUMNS).map(([k, c]) => [k, c.header])) : Object.fromEntries(Object.entries(TARGET_COLUMNS).map(([k, c]) => [k, c.header]));
    const standard = a.content === "tasks" ? ["no", "content", "lead", "partners", "deadline"] : ["no", "text", "milestone"];
    const columns = a.columns.filter((c) => c.key in defaults).map((c) => (c.header === defaults[c.key] ? c.key : { key: c.key, header: c.header }));
    const plain = columns.length === standard.length && columns.every((c, k) => c === standard[k]);
    const heading = appendixHeading(r.family, i, list.length);
    const of = a.caption ? captionOf(a.caption) : undefined;
    const caption: Record<string, string> = {};
    if (of && of !== (standing(r) ? standingCommittee(fullName) : fullName)) caption.of = of;
    if (a.caption && /ngày \d{1,2}\/\d{1,2}\/\d{4}/u.test(a.caption)) caption.date = "slash";
    return {
      ...(a.heading !== heading ? { heading: a.heading } : {}),
      title: a.title ? safe(a.title) : "[[tên phụ lục]]",
      ...(a.content === "targets" ? { content: "targets" } : {}),
      ...(plain || columns.length < 2 ? {} : { columns }),
      ...(a.content === "tasks" && a.groups.length ? { groups: true } : {}),
      ...(a.restart ? { numbering: "restart" } : {}),
      ...(Object.keys(caption).length ? { caption } : {}),
    };
  });
  return { appendix: (out.length === 1 ? out[0] : out) as PlanInput["appendix"] };
}

/** The plan's phrasing where the document wrote differently from the defaults. */
function phrasingData(deadlines: "long" | "short", wordDates: boolean, dutyLetters: boolean): { phrasing?: PlanInput["phrasing"] } {
  const p: NonNullable<PlanInput["phrasing"]> = {};
  if (dutyLetters) p.dutyItems = "letters";
  if (deadlines === "short") p.deadlines = "short";
  if (wordDates) p.citationDates = "words";
  return Object.keys(p).length ? { phrasing: p } : {};
}

function decisionData(d: RDecision, safe: (s: string) => string): NonNullable<PlanInput["decision"]> {
  const executors = defaultExecutors(d.articles);
  return {
    authority: d.authority.length ? d.authority : ["[[THẨM QUYỀN BAN HÀNH]]"],
    ...(d.title.length ? { title: d.title.map(safe) } : {}),
    bases: d.bases.length ? d.bases.map(safe) : ["[[Căn cứ …]]"],
    ...(d.proposal ? { proposal: safe(d.proposal) } : {}),
    ...(executors ? { executors: safe(executors) } : { articles: d.articles.length ? d.articles.map(safe) : ["[[Điều 1 …]]"] }),
  };
}

export function toPlan(r: Recognised, ctx: ImportContext): { plan: PlanInput & Record<string, unknown>; summary: ImportSummary } {
  const recognised: string[] = [];
  const notes = [...r.notes];
  const libByNumber = new Map(ctx.library.map((d) => [d.citation.number.toLocaleUpperCase("vi"), d]));
  const reg = newRegistry(libByNumber);
  const texts = allTexts(r);
  collectCitations(texts, reg);
  const cite = (s: string) => linkCitations(s, reg);
  // a text may not hold what our inline syntax reads ({x}, [[x]], *x*): braces become parentheses, asterisks are escaped
  // footnote marks → [^cc1]…, numbered in the order the notes were read
  const noteIds = new Map(r.footnotes.map((f, i) => [f.key, `cc${i + 1}`]));
  const marks = (s: string) => s.replace(NOTE_MARK, (_, key: string) => (noteIds.has(key) ? `[^${noteIds.get(key)}]` : ""));
  const safe = (s: string) => marks(cite(s.replace(/\{/g, "(").replace(/\}/g, ")").replace(/\[\[/g, "[ [").replace(/\]\]/g, "] ]").replace(/\*/g, "\\*")));

  const level = detectLevel(r);
  const book: AgencyBook = { entries: new Map() };
  const registry = level ? ctx.levels.get(level) : undefined;
  for (const [id, a] of Object.entries(registry ?? {})) book.entries.set(id, { name: a.name, group: a.group, local: false });

  let leftAsText = 0;
  const targets: { id: string; text: string; milestone?: string }[] = [];
  const item = (x: RItem): string | ItemInput => {
    leftAsText++;
    const text = safe(x.text);
    return x.bullets.length ? { text, bullets: x.bullets.map(item) } : text;
  };
  const milestoneOf = (title: string | undefined) => /(?:đến|năm|giai đoạn)\s*(?:năm\s*)?(\d{4})(?!\s*[-–]\s*\d{4})\s*:?$/iu.exec(title ?? "")?.[1];
  /** a node whose list is its targets: under a "Mục tiêu" heading, plain items without bullets */
  const asTargets = (n: RNode, underTargets: boolean): NodeInput | undefined => {
    // a table of targets in an appendix holds the plan's targets: lists in the body stay text
    if (r.appendices.some((a) => a.content === "targets")) return undefined;
    const isTargetNode = TARGET_TITLE.test(n.title ?? "") || (underTargets && milestoneOf(n.title) !== undefined);
    if (!isTargetNode || !n.title) return undefined;
    const milestone = milestoneOf(n.title);
    const plainKids = n.children.length > 0 && n.children.every((c) => c.plain && c.title && c.content.length === 0 && c.children.length === 0);
    const onlyList = n.children.length === 0 && n.content.length === 1 && n.content[0]!.items.every((x) => x.bullets.length === 0) && n.content[0]!.items.length > 0;
    if (!(plainKids && n.content.length === 0) && !onlyList) return undefined;
    const texts = plainKids ? n.children.map((c) => c.title!) : n.content[0]!.items.map((x) => x.text);
    const as = plainKids ? "numbered" : n.content[0]!.kind;
    for (const t of texts) {
      const id = `mt${String(targets.length + 1).padStart(2, "0")}`;
      targets.push(milestone ? { id, text: safe(t), milestone } : { id, text: safe(t) });
    }
    const node: NodeInput = { title: safe(n.title), use: "targets", as };
    if (!n.numbered) node.numbered = false;
    if (milestone) node.milestone = milestone;
    // targets of one node only: a milestone shared by two nodes would print both lists twice
    if (!milestone || targets.filter((t) => t.milestone === milestone).length !== texts.length) {
      const own = targets.slice(-texts.length);
      const m = `nhom-${targetGroups++}`;
      for (const t of own) t.milestone = m;
      node.milestone = m;
    }
    return node;
  };
  let targetGroups = 1;
  // appendix rows → tasks (sub-rows with the cells they do not share), target tables → targets
  const sections: { id: string; title: string }[] = [];
  const sectionId = new Map<string, string>();
  const tasks: Record<string, unknown>[] = [];
  const firstTasks = r.appendices.find((a) => a.content === "tasks");
  const taskSection = (group: string | undefined) => {
    const title = group ?? (firstTasks?.title || "Nhiệm vụ cụ thể");
    let id = sectionId.get(title);
    if (!id) {
      id = agencySlug(title).split("-").slice(0, 4).join("-") || "nhiem-vu";
      while (sections.some((s) => s.id === id)) id = `${id}-${sections.length + 1}`;
      sectionId.set(title, id);
      sections.push({ id, title: safe(title) });
    }
    return id;
  };
  let structuredDeadlines = 0;
  const hasTaskTable = r.appendices.some((a) => a.content === "tasks" && a.rows.length > 0);
  const style = deadlineStyle([...r.appendices.flatMap((a) => a.rows.flatMap((x) => [x.deadline, ...(x.rows ?? []).map((y) => y.deadline ?? "")])), ...(hasTaskTable ? [] : outlineItems(r.outline).flatMap((x) => DUTY_TASK.exec(x.text)?.[2] ?? []))]);
  const deadlineOf = (raw: string, at: Note["at"], label: string): string | { theo: string } => {
    const d = deadlineValue(raw, style);
    if (d.structured) structuredDeadlines++;
    if (d.respelled) notes.push({ at, text: `${label}: thời hạn "${raw}" in theo chính tả chuẩn "${d.respelled}"` });
    else if (d.printed) notes.push({ at, text: `${label}: thời hạn "${raw}" in lại là "${d.printed}"; giữ nguyên chữ` });
    return d.value;
  };

  // "IV. TỔ CHỨC THỰC HIỆN" with a numbered heading per agency → duties (use: duties)
  const duties: Record<string, unknown>[] = [];
  const dutyNodes: { node: NodeInput; duties: Record<string, unknown>[] }[] = [];
  const requested = new Set<string>();
  let dutyLetters: boolean | undefined;
  /** agencies named in duty headings so far, and the short names they came back under */
  const named: string[] = [];
  const shorts = new Map<string, string>();
  const asDuties = (n: RNode): NodeInput | undefined => {
    if (!n.title || n.children.length === 0 || !n.numbered) return undefined;
    const snapshot = new Map(book.entries);
    const abort = () => ((book.entries = snapshot), undefined);
    const own: Record<string, unknown>[] = [];
    const made: Record<string, unknown>[] = [];
    let known = 0;
    let titled = 0;
    let letters = dutyLetters;
    for (const c of n.children) {
      if (c.title && c.numbered && c.plain && !c.children.length && !c.content.length) {
        // "8. Các cơ quan, đơn vị có liên quan: Theo chức năng …" (inline), or a numbered paragraph of its own
        const m = /^([^:]{3,90}):\s+(\S.*)$/u.exec(c.title);
        if (m) {
          const names = m[1]!.replace(/^Đề nghị\s+/u, "").split(/;\s*/u);
          const ids = names.map((x) => findAgency(book, x));
          if (ids.every((x) => x !== undefined)) own.push({ agency: ids.length === 1 ? ids[0] : ids, inline: true, items: [safe(m[2]!)] });
          else if (looksLikeAgency(m[1]!)) own.push({ title: safe(m[1]!), inline: true, items: [safe(m[2]!)] });
          else own.push({ items: [safe(c.title)] });
        } else own.push({ items: [safe(c.title)] });
        continue;
      }
      // a heading alone: an agency whose tasks in the appendix are listed (none, here)
      if (!c.title || !c.numbered || c.plain || c.children.length || (!c.content.length && !hasTaskTable)) return abort();
      const request = /^Đề nghị\s+/u.test(c.title);
      const ids: string[] = [];
      for (const name of c.title.replace(/^Đề nghị\s+/u, "").split(/;\s*/u)) {
        // an agency named in full before may come back by its short name ("Sở NN&MT")
        const abbreviated = findAgency(book, name) ? undefined : named.find((x) => abbreviates(name.trim(), book.entries.get(x)!.name));
        if (abbreviated) shorts.set(abbreviated, name.trim());
        // two agencies of a registry may share a name: the one this part has not named yet
        const id = abbreviated ?? agencyIdOf(book, name, new Set(own.flatMap((d) => [d.agency ?? []].flat() as string[])));
        if (!id) return abort();
        if (!book.entries.get(id)!.local) known++;
        ids.push(id);
      }
      const runs = c.content;
      const all = runs.flatMap((x) => x.items);
      if (runs.some((x) => x.kind === "paragraphs") && all.length > 1) return abort();
      const kind = runs.find((x) => x.kind !== "paragraphs")?.kind;
      if (kind && letters !== undefined && letters !== (kind === "letters")) return abort();
      if (kind) letters = kind === "letters";
      const duty: Record<string, unknown> = { agency: ids.length === 1 ? ids[0] : [...ids] };
      const items: (string | ItemInput)[] = [];
      // derived tasks print together, before or after the typed items
      let taskRun: "before" | "after" | undefined;
      let itemsAfterTasks = 0;
      for (const [k, x] of all.entries()) {
        if (k === 0 && hasTaskTable && LIST_TASKS.test(x.text) && x.bullets.length === 0) {
          duty.listTasks = true;
          continue;
        }
        const m = hasTaskTable || x.bullets.length ? null : DUTY_TASK.exec(x.text);
        if (m) {
          if (taskRun === undefined) taskRun = items.length ? "after" : "before";
          else if (itemsAfterTasks > 0) return abort();
          made.push({ section: "", content: safe(m[1]!), lead: [...ids], partners: [], deadline: deadlineOf(m[2]!, x.at, c.title) });
          continue;
        }
        if (taskRun === "after") return abort();
        if (taskRun === "before") itemsAfterTasks++;
        items.push(item(x));
      }
      if (taskRun === "before") duty.tasks = true;
      if (items.length) duty.items = items;
      if (taskRun === "after") duty.tasks = true;
      if (!all.length) duty.listTasks = true;
      if (!items.length && !duty.tasks && !duty.listTasks) return abort();
      if (request) ids.forEach((id) => requested.add(id));
      titled++;
      own.push(duty);
    }
    // most entries name agencies, one at least from the level's registry
    // "Tổ chức thực hiện" as numbered paragraphs naming who does what: untitled duties
    const paragraphsOnly = titled === 0 && /tổ chức thực hiện/iu.test(n.title) && own.every((d) => d.items && !d.agency && !d.title);
    if (!paragraphsOnly && (known === 0 || titled * 2 < n.children.length)) return abort();
    dutyLetters = letters;
    for (const d of own) for (const x of [d.agency ?? []].flat() as string[]) if (!named.includes(x)) named.push(x);
    for (const t of made) tasks.push({ id: `t${String(tasks.length + 1).padStart(2, "0")}`, ...t, section: taskSection(undefined) });
    duties.push(...own);
    const out: NodeInput = { title: safe(n.title), use: "duties" };
    for (const c of n.content) out[c.kind] = c.items.map(item);
    dutyNodes.push({ node: out, duties: own });
    return out;
  };
  let indicators: PlanInput["indicators"];
  const toNode = (n: RNode, underTargets: boolean): NodeInput => {
    const t = asTargets(n, underTargets) ?? asDuties(n);
    if (t) return t;
    const out: NodeInput = {};
    if (n.title !== undefined) {
      out.title = safe(n.title);
      leftAsText++;
    }
    if (n.plain) out.plain = true;
    if (!n.numbered) out.numbered = false;
    if (n.indicators && !indicators) {
      const data = readIndicators(n.indicators);
      indicators = { columns: data.columns.map(safe), rows: data.rows.map((x) => ("group" in x ? { group: safe(x.group) } : { ...x, name: safe(x.name) })) };
      out.use = "indicators";
    }
    for (const c of n.content) out[c.kind] = c.items.map(item);
    if (n.children.length) out.children = n.children.map((c) => toNode(c, underTargets || TARGET_TITLE.test(n.title ?? "")));
    return out;
  };
  const outline = r.outline.map((n) => toNode(n, false));
  // several parts print duties: each prints its own
  if (dutyNodes.length > 1) dutyNodes.forEach((d, k) => ((d.node.part = `phan-${k + 1}`), d.duties.forEach((x) => (x.part = `phan-${k + 1}`))));
  if (duties.length) recognised.push(`${duties.length} phân công theo cơ quan`);

  let appendixTargets = 0;
  for (const a of r.appendices) {
    for (const row of a.rows) {
      const lead = readAgencyCell(book, row.lead);
      const partners = readAgencyCell(book, row.partners);
      if (lead.length === 0) notes.push({ at: row.at, text: `nhiệm vụ ${row.no}: không có cơ quan chủ trì` });
      const task: Record<string, unknown> = { id: `t${String(tasks.length + 1).padStart(2, "0")}`, section: taskSection(row.group), content: safe(row.content), lead, partners, deadline: deadlineOf(row.deadline, row.at, `nhiệm vụ ${row.no}`) };
      for (const k of ["output", "budget", "note"] as const) if (row[k]) task[k] = safe(row[k]);
      if (row.rows?.length) {
        task.rows = row.rows.map((x, n) => {
          const sub: Record<string, unknown> = { content: x.content ? safe(x.content) : "[[nội dung]]" };
          if (x.lead !== undefined) sub.lead = readAgencyCell(book, x.lead);
          if (x.partners !== undefined) sub.partners = readAgencyCell(book, x.partners);
          if (x.deadline) sub.deadline = deadlineOf(x.deadline, row.at, `nhiệm vụ ${row.no}, dòng ${n + 1}`);
          for (const k of ["output", "budget", "note"] as const) if (x[k]) sub[k] = safe(x[k]);
          return sub;
        });
      }
      tasks.push(task);
    }
    for (const g of a.targets) {
      const text = safe(g.text);
      if (targets.some((x) => x.text === text)) continue;
      targets.push({ id: `mt${String(targets.length + 1).padStart(2, "0")}`, text, milestone: g.milestone || "[[thời hạn]]" });
      appendixTargets++;
    }
  }
  // one list of targets needs no milestone to tell it from another: drop the made-up group name
  const groups = new Set(targets.map((t) => t.milestone));
  if (appendixTargets === 0 && groups.size === 1 && /^nhom-/.test([...groups][0] ?? "")) {
    for (const t of targets) delete t.milestone;
    const strip = (ns: NodeInput[]) => ns.forEach((n) => (n.use === "targets" && delete n.milestone, strip(n.children ?? [])));
    strip(outline);
  }
  if (targets.length) recognised.push(`${targets.length} mục tiêu`);
  if (tasks.length) recognised.push(`${tasks.length} nhiệm vụ ${hasTaskTable ? "ở phụ lục" : "dưới cơ quan chủ trì"} (${structuredDeadlines} thời hạn có cấu trúc${tasks.some((t) => t.rows) ? `, ${tasks.reduce((n, t) => n + ((t.rows as unknown[] | undefined)?.length ?? 0), 0)} dòng con` : ""})`);
  if (r.appendices.length) recognised.push(`${r.appendices.length} phụ lục`);
  if (r.decision) recognised.push("Quyết định ban hành kèm theo (decision)");
  if (r.footnotes.length) recognised.push(`${r.footnotes.length} chú thích (footnotes)`);
  if (indicators) recognised.push(`bảng chỉ tiêu ${indicators.rows.length} dòng (indicators)`);

  // which library document the plan implements: the first one its title cites
  const titleText = r.title.join(" ");
  let directive: string | undefined;
  for (const d of ctx.library) {
    const at = titleText.indexOf(`${d.citation.kind} số ${d.citation.number}`);
    if (at >= 0 && (directive === undefined || at < titleText.indexOf(`số ${ctx.library.find((x) => x.id === directive)!.citation.number}`))) directive = d.id;
  }
  const firstPart = r.outline[0]?.at.line ?? Infinity;
  const leading = r.leftovers.filter((l) => l.at.line < firstPart).map((l) => safe(l.text));
  const trailing = r.leftovers.filter((l) => l.at.line >= firstPart).map((l) => safe(l.text));
  leftAsText += leading.length + trailing.length;
  const title = r.title.map(safe);
  const legalBasis = r.legalBasis.map(safe);
  const closing = r.closing === undefined ? undefined : safe(r.closing);
  if (!directive && reg.used.size) directive = [...reg.used][0];
  if (reg.used.size) recognised.push(`${reg.mentions} lần dẫn văn bản (${reg.used.size} văn bản trong thư viện${reg.local.size ? `, ${reg.local.size} văn bản riêng` : ""})`);
  for (const u of reg.unregistered) notes.push({ at: { line: 0 }, text: `${u}: dẫn không kèm ngày và cơ quan ban hành, giữ nguyên chữ` });

  const agencies: Record<string, { name: string; group?: boolean; request?: boolean; short?: string }> = {};
  const localAgencies: string[] = [];
  for (const [id, e] of book.entries) {
    if (!e.local) continue;
    agencies[id] = e.group ? { name: e.name, group: true } : { name: e.name };
    localAgencies.push(e.name);
  }
  for (const [id, short] of shorts) agencies[id] = { ...(agencies[id] ?? { name: book.entries.get(id)!.name }), short } as (typeof agencies)[string];
  // "Đề nghị …": an agency the issuer requests, not instructs
  for (const id of requested) agencies[id] = { ...(agencies[id] ?? { name: book.entries.get(id)!.name }), request: true } as (typeof agencies)[string];

  // numbering that differs from the family's style table becomes a per-plan override
  const family = r.family;
  const defaults = family === "party" ? PARTY_NUMBERING : STATE_NUMBERING;
  const numbering: Record<string, string> = {};
  const sepOf = (k: keyof typeof defaults) => r.separators[k];
  if (sepOf("roman") && sepOf("roman") !== defaults.roman) numbering.roman = `{roman}${sepOf("roman")} `;
  if (sepOf("arabic") && sepOf("arabic") !== defaults.arabic) numbering.arabic = `{arabic}${sepOf("arabic")} `;
  if (sepOf("sub") !== undefined && sepOf("sub") !== defaults.sub) numbering.sub = `{parent}.{arabic}${sepOf("sub")} `;

  const issuerFullName = fullName(r, texts);
  const plan: PlanInput & Record<string, unknown> = {
    ...(directive ? { directive } : {}),
    ...(level ? { level } : {}),
    ...(r.kind === "chuong-trinh" ? { kind: "chuong-trinh" as const } : {}),
    family,
    ...(r.decision ? { decision: decisionData(r.decision, safe) } : {}),
    ...phrasingData(style, reg.dates.words > reg.dates.slash, dutyLetters === true),
    ...(Object.keys(numbering).length ? { style: { numbering } } : {}),
    header: {
      ...(r.nation && family === "state" && r.nation !== STATE_NATION ? { nation: r.nation } : {}),
    },
    issuer: {
      ...(r.issuerParent.length ? { parent: r.issuerParent } : {}),
      name: r.issuerName.length ? r.issuerName : ["[[CƠ QUAN BAN HÀNH]]"],
      fullName: issuerFullName,
      place: r.place ?? "[[địa danh]]",
    },
    ...(r.number !== undefined ? { number: r.number } : {}),
    symbol: r.symbol ?? (family === "party" ? "KH/[[…]]" : "KH-[[…]]"),
    date: r.date ?? { year: new Date().getFullYear() },
    title: title.length ? title : ["[[trích yếu]]"],
    documents: Object.fromEntries([...reg.local.values()].map((d) => [d.id, { ...d.citation, date: `${d.citation.date.year}-${String(d.citation.date.month).padStart(2, "0")}-${String(d.citation.date.day).padStart(2, "0")}` }])),
    legalBasis: legalBasis[0] ?? "[[căn cứ ban hành]]",
    outline: [
      // lines of the letterhead it could not place, and the rest of the legal basis, stay before the first part
      ...(leading.length || legalBasis.length > 1 ? [{ numbered: false, paragraphs: [...leading, ...legalBasis.slice(1)] }] : []),
      ...outline,
      ...(trailing.length ? [{ numbered: false, paragraphs: trailing }] : []),
    ],
    targets,
    sections: tasks.length ? sections : [],
    tasks: tasks as PlanInput["tasks"],
    agencies,
    ...(duties.length ? { duties } : {}),
    ...(indicators ? { indicators } : {}),
    ...(closing ? { closing } : {}),
    ...(r.footnotes.length ? { footnotes: Object.fromEntries(r.footnotes.map((f) => [noteIds.get(f.key)!, safe(f.text)])) } : {}),
    recipients: {
      ...(r.recipients.punctuation && r.recipients.punctuation !== (family === "party" ? "," : ";") ? { punctuation: r.recipients.punctuation } : {}),
      before: r.recipients.before,
      items: r.recipients.items.length ? r.recipients.items : ["[[nơi nhận]]"],
      archive: r.recipients.archive ?? "VT",
    },
    signer: {
      authority: r.signer.authority ?? "[[THẨM QUYỀN KÝ]]",
      ...(r.signer.delegate ? { delegate: r.signer.delegate } : {}),
      ...(r.signer.title ? { title: r.signer.title } : {}),
      name: r.signer.name ?? "[[Họ và tên]]",
    },
    ...appendixData(r, tasks.length, issuerFullName, safe),
  };
  if (r.appendices.some((a) => a.content === "tasks") && tasks.length === 0) notes.push({ at: { line: 0 }, text: "có phụ lục nhưng không đọc được dòng nhiệm vụ nào" });
  if (leftAsText) recognised.unshift(`dàn ý ${r.outline.length} phần`);
  recognised.unshift(
    [r.issuerName.length && "cơ quan ban hành", r.symbol && "số, ký hiệu", r.date && "ngày", r.title.length && "trích yếu", r.legalBasis.length && "căn cứ", r.closing && "câu kết", r.recipients.items.length && "nơi nhận", r.signer.name && "người ký"].filter(Boolean).join(", "),
  );
  return {
    plan,
    summary: {
      recognised,
      counts: { tasks: tasks.length, targets: targets.length, documents: reg.used.size + reg.local.size, libraryDocuments: reg.used.size, citations: reg.mentions, agencies: new Set(tasks.flatMap((t) => [...(t.lead as string[]), ...(t.partners as string[])])).size, localAgencies, sections: sections.length },
      leftAsText,
      notes,
    },
  };
}
