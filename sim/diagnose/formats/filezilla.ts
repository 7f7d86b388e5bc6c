/**
 * FileZilla's message log, as copied from its window or written to its log file: `Status:`,
 * `Command:`, `Response:`, `Error:`, `Trace:`, `Listing:` (src/engine/logging.cpp CLogging,
 * src/interface/StatusView.cpp). The window may put `HH:MM:SS<TAB>` in front (View › Show
 * timestamps, StatusView.cpp); the log file always writes `YYYY-MM-DD HH:MM:SS <pid> <engine>
 * Prefix: text` (logging.cpp LogToFile). The prefixes are translated: both the window and the file
 * use `_("Status:")` etc., so a German user pastes `Befehl:` and `Antwort:`. The translations below
 * are FileZilla's own, from locales/*.po of the FileZilla 3 source (GitHub mirror basvodde/filezilla,
 * commit 8f874dfe): de, fr (with a space before the colon: `Commande :`), es, it, pt_BR/pt_PT, ru,
 * pl_PL (whose `Odpowiedź` has no colon there), zh_CN, zh_TW, ja_JP, nl, tr, ko_KR, uk_UA.
 */
import type { LogReader, ParsedLog } from "../log-types";
import { LogBuilder } from "./log-builder";
import { LISTING_LINE, readLines } from "./lines";
import { clockStamp, isoStamp } from "./timestamps";
import { scoreOf, shapeOf } from "./shape";

type Kind = "status" | "command" | "response" | "error" | "trace" | "listing";

/** Every language's word for each prefix (FileZilla's locales/*.po, msgstr of "Status:" …). */
const PREFIXES: Readonly<Record<Kind, readonly string[]>> = {
  status: ["Status", "Statut", "Estado", "Stato", "Статус", "状态", "狀態", "状態", "Durum", "상태"],
  command: ["Command", "Befehl", "Commande", "Comando", "Команда", "Polecenie", "命令", "指令", "コマンド", "Commando", "Komut", "명령"],
  response: ["Response", "Antwort", "Réponse", "Respuesta", "Risposta", "Resposta", "Ответ", "Odpowiedź", "响应", "回應", "応答", "Antwoord", "Yanıt", "응답", "Відповідь"],
  error: ["Error", "Fehler", "Erreur", "Errore", "Erro", "Ошибка", "Błąd", "错误", "錯誤", "エラー", "Fout", "Hata", "오류", "Помилка"],
  trace: ["Trace", "Suivi", "Traza", "Traçar", "Трассировка", "Dojście", "追踪", "歷程", "トレース", "Opsporen", "Yolu İzle", "추적", "Відстежити"],
  listing: ["Listing", "Auflistung", "Contenu", "Listado", "Elenco", "Listando", "A listar", "Список", "Lista", "列表", "リスト", "Lijst", "Sıralama", "목록"],
};
// "Status" is also the German, Polish and Dutch word; Ukrainian uses "Статус" like Russian.

const KIND_OF = new Map<string, Kind>();
for (const [kind, words] of Object.entries(PREFIXES) as [Kind, readonly string[]][]) for (const w of words) KIND_OF.set(w.toLowerCase(), kind);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const WORDS = [...KIND_OF.keys()].sort((a, b) => b.length - a.length).map(escapeRe).join("|");

/**
 * [log-file stamp `2024-03-01 10:00:01 1234 1 ` | window stamp `10:00:01<TAB>`] prefix, colon
 * (optional after Polish "Odpowiedź"; French puts a space or NBSP before it), separator, text.
 */
const LINE = new RegExp(
  `^(?:(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)(?: \\d+ \\d+)? +|(\\d{1,2}:\\d\\d:\\d\\d)\\s+)?(${WORDS})(?: ?:|(?<=odpowiedź)(?=[\\t ]))`,
  "iu",
);

interface FzLine {
  readonly kind: Kind;
  readonly text: string;
  readonly ms: number | null;
}

/** The text after the prefix: a tab (maybe after padding spaces, as a copied window shows) or one space is the separator; a reply's own leading space stays. */
function afterPrefix(rest: string): string {
  const tab = /^ *\t+/.exec(rest);
  if (tab) return rest.slice(tab[0].length);
  return rest.startsWith(" ") ? rest.slice(1) : rest;
}

function readLine(line: string): FzLine | null {
  const m = LINE.exec(line);
  if (!m) return null;
  const kind = KIND_OF.get(m[3]!.toLowerCase());
  if (!kind) return null;
  const ms = m[1] ? isoStamp(m[1]) : m[2] ? clockStamp(m[2]) : null;
  return { kind, text: afterPrefix(line.slice(m[0].length)), ms };
}

/** `Connecting to 203.0.113.5:21...`, `Verbinde mit [2001:db8::1]:21...`: the address and port of a Status line. */
const CONNECT = /(\[[0-9a-fA-F:.]+\]|[\w.*-]+):(\d{1,5})\s*(?:\.\.\.|…)\s*$/;
const RESOLVING = /^Resolving address of (\S+)/;

export const fileZillaReader: LogReader = {
  format: "filezilla",
  detect(text) {
    const shape = shapeOf(text, (line) => {
      const l = readLine(line);
      if (l) return l.kind === "status" || l.kind === "command" || l.kind === "response" ? "mine" : "shared";
      return LISTING_LINE.test(line) ? "shared" : "foreign";
    });
    return scoreOf(shape);
  },
  parse(text): ParsedLog {
    const out = new LogBuilder("filezilla", "client", { client: "filezilla" });
    for (const { n, text: raw } of readLines(text)) {
      const l = readLine(raw);
      if (!l) {
        // A forum wraps a long line: the rest of it arrives without a prefix, right after.
        if (raw.trim() !== "" && !LISTING_LINE.test(raw)) out.continueLast(n, raw);
        continue;
      }
      switch (l.kind) {
        case "command":
          out.command(n, l.text, l.ms);
          break;
        case "response":
          out.reply(n, l.text, l.ms);
          break;
        case "status": {
          const c = CONNECT.exec(l.text);
          if (c && out.size < 50) {
            out.host(c[1]!);
            out.port(c[2]!);
          }
          const r = RESOLVING.exec(l.text);
          if (r) out.host(r[1]!);
          out.program(n, l.text, l.ms);
          break;
        }
        case "error":
          out.program(n, l.text, l.ms, true);
          break;
        default:
          out.program(n, l.text, l.ms);
      }
    }
    return out.build();
  },
};
