/**
 * commander's own parse errors are printed like every other error: the English code USAGE, the
 * sentence and a hint in the reader's language, exit code 2, and the same error as JSON under
 * `--json`. Help and the version still exit 0.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isolatedEnv, runCli } from "../fixtures/cli.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

function env(lang: string) {
  return isolatedEnv(path.join(makeTempDir("junmai-parse-"), "data"), { LANG: lang });
}

const CASES = [
  {
    args: ["--frobnicate"],
    en: "error USAGE: There is no option --frobnicate.\n  hint: Run `junmai-sync --help` for usage.\n",
    ja: "エラー USAGE: --frobnicate というオプションはありません。\n  ヒント: 使い方は `junmai-sync --help` で確認できます。\n",
  },
  {
    args: ["stauts"],
    en: "error USAGE: There is no command stauts.\n  hint: Did you mean status? Run `junmai-sync --help` for usage.\n",
    ja: "エラー USAGE: stauts というコマンドはありません。\n  ヒント: status のことですか？ 使い方は `junmai-sync --help` で確認できます。\n",
  },
  {
    args: ["cancel"],
    en: "error USAGE: The argument job is missing.\n  hint: Run `junmai-sync cancel --help` for its usage.\n",
    ja: "エラー USAGE: 引数 job がありません。\n  ヒント: 使い方は `junmai-sync cancel --help` で確認できます。\n",
  },
  {
    args: ["status", "1", "2"],
    en: "error USAGE: Too many arguments: junmai-sync status takes 1, and 2 were given.\n  hint: Run `junmai-sync status --help` for its usage.\n",
    ja: "エラー USAGE: 引数が多すぎます。junmai-sync status の引数は 1 個までですが、2 個指定されました。\n  ヒント: 使い方は `junmai-sync status --help` で確認できます。\n",
  },
  {
    args: ["upload", "--to"],
    en: "error USAGE: The option --to <name> needs a value.\n  hint: Run `junmai-sync upload --help` for its usage.\n",
    ja: "エラー USAGE: オプション --to <name> には値が必要です。\n  ヒント: 使い方は `junmai-sync upload --help` で確認できます。\n",
  },
  {
    args: ["remote", "add", "nas"],
    en: "error USAGE: The option --type <type> is required.\n  hint: Run `junmai-sync remote add --help` for its usage.\n",
    ja: "エラー USAGE: オプション --type <type> は必ず指定してください。\n  ヒント: 使い方は `junmai-sync remote add --help` で確認できます。\n",
  },
  {
    args: ["status", "--jsn"],
    en: "error USAGE: There is no option --jsn.\n  hint: Did you mean --json? Run `junmai-sync status --help` for its usage.\n",
    ja: "エラー USAGE: --jsn というオプションはありません。\n  ヒント: --json のことですか？ 使い方は `junmai-sync status --help` で確認できます。\n",
  },
  {
    args: ["--log-level", "loud", "status"],
    en: "error USAGE: The option --log-level <level> does not take `loud`; it takes one of: fatal, error, warn, info, debug, trace, silent.\n  hint: Run `junmai-sync --help` for usage.\n",
    ja: "エラー USAGE: オプション --log-level <level> に `loud` は指定できません。次のどれかを指定してください: fatal, error, warn, info, debug, trace, silent\n  ヒント: 使い方は `junmai-sync --help` で確認できます。\n",
  },
] as const;

describe("commander's parse errors in the reader's language", () => {
  for (const lang of ["en", "ja"] as const) {
    it(`${lang}: each says what is wrong, with a hint, and exits 2 as before`, async () => {
      const locale = lang === "ja" ? "ja_JP.UTF-8" : "en_US.UTF-8";
      for (const { args, ...expected } of CASES) {
        const result = await runCli(args, { env: env(locale) });
        expect({ args, stderr: result.stderr, code: result.code }).toEqual({
          args,
          stderr: expected[lang],
          code: 2,
        });
        expect(result.stdout).toBe("");
      }
    });
  }

  it("--json: the error is also printed as JSON, in English, with its stable code", async () => {
    const result = await runCli(["status", "--json", "--frobnicate"], { env: env("ja_JP.UTF-8") });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout).error).toMatchObject({
      code: "USAGE",
      message: "There is no option --frobnicate.",
      hint: "Run `junmai-sync status --help` for its usage.",
    });
    expect(result.stderr).toContain("エラー USAGE: --frobnicate というオプションはありません。");
  });

  it("help and the version are not errors", async () => {
    expect((await runCli(["status", "--help"], { env: env("ja_JP.UTF-8") })).code).toBe(0);
    expect((await runCli(["--version"], { env: env("ja_JP.UTF-8") })).code).toBe(0);
  });
});
