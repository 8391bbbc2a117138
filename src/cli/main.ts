// kehoach command line: Vietnamese help and messages, exit codes
// 0 ok, 1 user error, 2 usage error, 3 internal error.
import { Argument, Command, CommanderError, Help, Option } from "commander";
// Every command's module is imported only when that command runs: `--help`
// never loads zod, the YAML reader or a renderer (start-up time, issue 11).
import { internalMessage } from "../errors.ts";
import { FORMATS, type Format, type Io } from "../batch/options.ts";
import type { Level } from "../model/levels.ts";
import { VERSION } from "./version.ts";
import type { Commands } from "./commands.ts";

/** Where the commands' code comes from: the bundle in the package (bin.ts), the sources in tests. */
export type LoadCommands = () => Commands | Promise<Commands>;

const io: Io = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
};

const SCHEMA_KINDS = ["plan", "directive", "level"] as const;
export type SchemaKind = (typeof SCHEMA_KINDS)[number];

function parseFormats(value: string): Format[] {
  const list = value.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
  const bad = list.filter((f) => !(FORMATS as string[]).includes(f));
  if (bad.length || list.length === 0) {
    throw new CommanderError(2, "kehoach.format", `định dạng không hỗ trợ: "${bad.join(",") || value}" (cần docx, pdf hoặc docx,pdf)`);
  }
  return [...new Set(list)] as Format[];
}

const USAGE_MESSAGES: Record<string, (m: string) => string> = {
  "commander.unknownOption": (m) => `tùy chọn không hợp lệ (unknown option): ${m.replace(/^error: unknown option /, "")}`,
  "commander.unknownCommand": (m) => `lệnh không hợp lệ (unknown command): ${m.replace(/^error: unknown command /, "")}`,
  "commander.missingArgument": (m) => `thiếu đối số (missing argument): ${m.replace(/^error: missing required argument /, "")}`,
  "commander.optionMissingArgument": (m) => `tùy chọn thiếu giá trị (option needs a value): ${m.replace(/^error: option /, "")}`,
  "commander.excessArguments": (m) => `thừa đối số (too many arguments): ${m.replace(/^error: /, "")}`,
  "commander.invalidArgument": (m) => `đối số không hợp lệ (invalid argument): ${m.replace(/^error: /, "")}`,
  "commander.missingMandatoryOptionValue": (m) => `thiếu tùy chọn bắt buộc (missing required option): ${m.replace(/^error: required option /, "").replace(/ not specified$/, "")}`,
};

/** Commander prints English headings; the rest of the help is already Vietnamese. */
function vietnameseHelp(cmd: Command, helper: Help): string {
  return Help.prototype.formatHelp
    .call(helper, cmd, helper)
    .replace(/^Usage:/m, "Cách dùng:")
    .replace(/^Options:/m, "Tùy chọn:")
    .replace(/^Commands:/m, "Lệnh:")
    .replace(/^Arguments:/m, "Đối số:")
    .replace(/\[options\]/g, "[tùy-chọn]")
    .replace(/\[command\]/g, "[lệnh]")
    .replace(/\(default: ([^)]*)\)/g, "(mặc định: $1)");
}

const ALLOW_OUTSIDE = "cho phép extends trỏ ra ngoài thư mục dự án";

export function makeProgram(setExit: (code: number) => void, load: LoadCommands): Command {
  const program = new Command("kehoach")
    .description("Sinh kế hoạch thực hiện Chỉ thị/Nghị quyết (DOCX, PDF) từ dữ liệu YAML, đúng thể thức Nghị định 30/2020 và Hướng dẫn 36-HD/VPTW")
    .helpOption("-h, --help", "hiện trợ giúp")
    .helpCommand("help [lệnh]", "hiện trợ giúp của một lệnh")
    .version(VERSION, "-V, --version", "in số phiên bản")
    .exitOverride()
    .configureHelp({ formatHelp: vietnameseHelp })
    .configureOutput({ writeErr: () => {}, writeOut: (s) => process.stdout.write(s) });

  program
    .command("build")
    .description("dựng tệp DOCX/PDF cho từng kế hoạch (thư mục: mọi tệp .yaml trong đó, kể cả thư mục con); chỉ dựng lại kế hoạch có thay đổi")
    .argument("<kế-hoạch...>", "tệp kế hoạch .yaml hoặc thư mục")
    .option("-o, --out <thư-mục>", "thư mục kết quả", "out")
    .addOption(new Option("-f, --format <định-dạng>", "định dạng: docx, pdf hoặc docx,pdf").default(["docx", "pdf"], "docx,pdf").argParser(parseFormats))
    .option("--font-dir <thư-mục>", "thư mục chứa phông chữ cho PDF (4 kiểu: thường, đậm, nghiêng, đậm nghiêng)")
    .option("-v, --verbose", "in thêm thông tin (phông chữ đã chọn…)")
    .option("--force", "dựng lại mọi kế hoạch, kể cả kế hoạch không thay đổi")
    .option("-w, --watch", "sau lần dựng đầu, theo dõi và dựng lại khi lưu tệp (Ctrl-C để thoát)")
    .option("--compare <kế-hoạch-cũ>", "so với bản cũ của kế hoạch: DOCX có theo dõi thay đổi (tracked changes) để duyệt, PDF có vạch lề ở các dòng thay đổi")
    .option("--allow-outside", ALLOW_OUTSIDE)
    .helpOption("-h, --help", "hiện trợ giúp")
    .configureHelp({ formatHelp: vietnameseHelp })
    .action(async (inputs: string[], o: { out: string; format: Format[]; fontDir?: string; verbose?: boolean; compare?: string; force?: boolean; watch?: boolean; allowOutside?: boolean }) => {
      const opts = { outDir: o.out, formats: o.format, fontDir: o.fontDir, verbose: o.verbose, compare: o.compare, force: o.force, allowOutside: o.allowOutside };
      setExit(o.watch ? await (await (await load()).watch()).watchCommand(inputs, opts, io) : await (await (await load()).build()).buildCommand(inputs, opts, io));
    });

  program
    .command("check")
    .description("kiểm tra tính nhất quán của kế hoạch (không ghi tệp nào); mã thoát 1 khi có lỗi")
    .argument("<kế-hoạch...>", "tệp kế hoạch .yaml hoặc thư mục")
    .option("--json", "in kết quả dạng JSON cho công cụ khác")
    .option("--allow-outside", ALLOW_OUTSIDE)
    .helpOption("-h, --help", "hiện trợ giúp")
    .configureHelp({ formatHelp: vietnameseHelp })
    .action(async (inputs: string[], o: { json?: boolean; allowOutside?: boolean }) => {
      setExit(await (await (await load()).build()).checkCommand(inputs, { json: o.json, allowOutside: o.allowOutside }, io));
    });

  program
    .command("init")
    .description("tạo kế hoạch khởi đầu theo văn bản cấp trên trong thư viện seeds/ (mọi chỗ cần điền được đánh dấu [[…]])")
    .requiredOption("-d, --directive <mã>", "mã văn bản trong seeds/, ví dụ ct25, nq20, nq72")
    .requiredOption("--issuer <cơ-quan>", "cơ quan ban hành, viết thường, ví dụ \"Ủy ban nhân dân tỉnh Bắc Kạn\"")
    .requiredOption("--place <địa-danh>", "địa danh ở dòng ngày tháng, ví dụ Bắc Kạn")
    .addOption(new Option("--level <cấp>", "cấp ban hành").choices(["province", "department", "commune"]).makeOptionMandatory())
    .addOption(new Option("--family <thể-thức>", "state (Nghị định 30) hoặc party (Hướng dẫn 36)").choices(["state", "party"]).default("state"))
    .option("--year <năm>", "năm ban hành (mặc định: năm nay)")
    .option("-o, --out <tệp>", "ghi ra tệp .yaml (mặc định: in ra màn hình)")
    .option("--force", "ghi đè tệp đã có")
    .helpOption("-h, --help", "hiện trợ giúp")
    .configureHelp({ formatHelp: vietnameseHelp })
    .action(async (o: { directive: string; issuer: string; place: string; level: Level; family: "state" | "party"; year?: string; out?: string; force?: boolean }) => {
      setExit(await (await (await load()).init()).initCommand(o, io));
    });

  program
    .command("adapt")
    .description("tạo kế hoạch cấp xã kế thừa kế hoạch của tỉnh (chính quyền hai cấp: không còn cấp huyện)")
    .argument("<kế-hoạch-tỉnh>", "tệp kế hoạch của tỉnh (.yaml)")
    .requiredOption("--commune <tên>", "tên xã/phường, ví dụ \"Đồng Tâm\" hoặc \"phường Minh Xuân\"")
    .addOption(new Option("--family <thể-thức>", "party (Đảng ủy xã) hoặc state (UBND xã)").choices(["state", "party"]).default("party"))
    .option("--year <năm>", "năm ban hành (mặc định: năm nay)")
    .option("-o, --out <tệp>", "ghi ra tệp .yaml (mặc định: in ra màn hình)")
    .option("--force", "ghi đè tệp đã có")
    .helpOption("-h, --help", "hiện trợ giúp")
    .configureHelp({ formatHelp: vietnameseHelp })
    .action(async (province: string, o: { commune: string; family: "state" | "party"; year?: string; out?: string; force?: boolean }) => {
      setExit(await (await (await load()).adapt()).adaptCommand(province, o, io));
    });

  program
    .command("import")
    .description("đọc một kế hoạch đã có (.docx, .pdf có lớp chữ, .txt, .md) thành dữ liệu kế hoạch .yaml, in bản tóm tắt những gì nhận ra")
    .argument("<tệp>", "tệp kế hoạch .docx, .pdf, .txt hoặc .md")
    .option("-o, --out <tệp>", "ghi ra tệp .yaml (mặc định: in ra màn hình)")
    .option("--force", "ghi đè tệp đã có")
    .helpOption("-h, --help", "hiện trợ giúp")
    .configureHelp({ formatHelp: vietnameseHelp })
    .action(async (file: string, o: { out?: string; force?: boolean }) => {
      setExit(await (await (await load()).import()).importCommand(file, o, io));
    });

  program
    .command("diff")
    .summary("so sánh hai kế hoạch; mã thoát 0: giống nhau, 1: khác, 2: lỗi tệp hoặc cách dùng")
    .description("so sánh hai kế hoạch: mục tiêu, nhiệm vụ (nội dung, cơ quan, thời hạn, mục), cơ quan, mục và mọi đoạn văn khác đã đổi; mã thoát 0: giống nhau, 1: có khác biệt, 2: sai cách dùng hoặc tệp không đọc được/không hợp lệ")
    .argument("<cũ>", "tệp kế hoạch .yaml cũ")
    .argument("<mới>", "tệp kế hoạch .yaml mới")
    .option("--json", "in kết quả dạng JSON: { changes: [...], summary: {...} }")
    .helpOption("-h, --help", "hiện trợ giúp")
    .configureHelp({ formatHelp: vietnameseHelp })
    .action(async (oldFile: string, newFile: string, o: { json?: boolean }) => {
      setExit(await (await (await load()).diff()).diffCommand(oldFile, newFile, { json: o.json }, io));
    });

  program
    .command("serve")
    .description("mở trang soạn thảo kế hoạch trên trình duyệt (chỉ máy này): danh sách kế hoạch, biểu mẫu, xem trước PDF, lưu YAML, Excel")
    .argument("[thư-mục]", "thư mục kế hoạch", ".")
    .option("-p, --port <cổng>", "cổng (mặc định: một cổng trống)")
    .option("--host <địa-chỉ>", "địa chỉ nghe (mặc định 127.0.0.1: chỉ máy này)")
    .option("--open", "mở trình duyệt")
    .helpOption("-h, --help", "hiện trợ giúp")
    .configureHelp({ formatHelp: vietnameseHelp })
    .action(async (folder: string, o: { port?: string; host?: string; open?: boolean }) => {
      const port = o.port === undefined ? undefined : Number(o.port);
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
        throw new CommanderError(2, "commander.invalidArgument", `error: cổng không hợp lệ: "${o.port}" (cần 0–65535)`);
      }
      // the server stack (hono, exceljs) is loaded only for this command
      const { serveCommand } = await (await load()).serve();
      setExit(await serveCommand(folder, { port, host: o.host, open: o.open }, io));
    });

  program
    .command("schema")
    .description("in JSON Schema (cho trình soạn thảo có YAML language server)")
    .addArgument(new Argument("[loại]", "plan (kế hoạch), directive (văn bản trong seeds/) hoặc level (sổ cơ quan theo cấp)").choices(SCHEMA_KINDS).default("plan"))
    .helpOption("-h, --help", "hiện trợ giúp")
    .action(async (kind: SchemaKind) => {
      io.out(JSON.stringify((await (await load()).schema()).jsonSchema(kind), null, 2));
      setExit(0);
    });
  return program;
}

export async function main(argv: string[], load: LoadCommands): Promise<number> {
  let code = 0;
  const program = makeProgram((c) => (code = c), load);
  try {
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.help" || e.code === "commander.version") return 0;
      const msg = USAGE_MESSAGES[e.code]?.(e.message) ?? e.message.replace(/^error: /, "");
      io.err(`lỗi [E_USAGE]: ${msg}\nXem: kehoach --help`);
      return 2;
    }
    io.err(internalMessage(e));
    return 3;
  }
}
