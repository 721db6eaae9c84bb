/**
 * The CLI in the reader's language: LANG=ja_JP.UTF-8 gives Japanese messages and hints with the
 * English error code, `--lang en` (before or after the command) overrides, JUNMAI_SYNC_LANG and
 * the config's `language` take their turn, and dates are written the Japanese way. Every run sets
 * its locale variables and TZ itself, so the machine's own locale never matters.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isolatedEnv, runCli } from "../fixtures/cli.js";
import { writeRandomFile } from "../fixtures/files.js";
import { makeTempDir } from "../fixtures/temp-dir.js";

function workspace(extra: NodeJS.ProcessEnv = {}) {
  const dir = makeTempDir("junmai-i18n-");
  const env = isolatedEnv(path.join(dir, "data"), { TZ: "Asia/Tokyo", ...extra });
  return { dir, env };
}

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe("the CLI in Japanese and English", () => {
  it("LANG=ja_JP.UTF-8: a missing file gets a Japanese message and hint with the English code", async () => {
    const { dir, env } = workspace({ LANG: "ja_JP.UTF-8" });
    const result = await runCli(["upload", "/no/such/file"], { cwd: dir, env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("警告 SOURCE_MISSING: /no/such/file は存在しません。");
    expect(result.stderr).toMatch(/ヒント: パスを確認してください。/);
    expect(result.stdout).toMatch(/^バッチ 1 を追加しました: ジョブ 1 件 → local$/m);
  });

  it("LANG=ja_JP.UTF-8: a job that failed shows the engine's stored English error in Japanese", async () => {
    const { dir, env } = workspace({ LANG: "ja_JP.UTF-8" });
    const result = await runCli(["upload", "/no/such/file", "--wait"], { cwd: dir, env });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("SOURCE_MISSING: 元ファイル /no/such/file がありません。");
    expect(result.stdout).toContain("ヒント: ファイルがそのパスにまだあるか確認してから");
    // The queue keeps the English the engine wrote: scripts and other machines read it.
    const json = JSON.parse((await runCli(["status", "1", "--json"], { cwd: dir, env })).stdout);
    expect(json.lastError).toMatchObject({
      code: "SOURCE_MISSING",
      message: "The source file /no/such/file does not exist.",
    });
  });

  it("LANG=ja_JP.UTF-8: an error names its English code, then the Japanese message and hint", async () => {
    const { dir, env } = workspace({ LANG: "ja_JP.UTF-8" });
    const result = await runCli(["upload"], { cwd: dir, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "エラー USAGE: アップロードするパスがありません。\n  ヒント: ファイルかフォルダーを引数で指定するか、--from-file で一覧を渡すか、--from-stdin で一覧をパイプで渡してください。\n",
    );
    // Machine output stays English.
    const json = await runCli(["upload", "--json"], { cwd: dir, env });
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: "USAGE", message: "No paths to upload." });
  });

  it("--lang en overrides LANG, before or after the command name", async () => {
    const { dir, env } = workspace({ LANG: "ja_JP.UTF-8", JUNMAI_SYNC_LANG: "ja" });
    for (const args of [
      ["--lang", "en", "upload", "/no/such/file"],
      ["upload", "/no/such/file", "--lang", "en"],
      ["upload", "/no/such/file", "--lang=en"],
    ]) {
      const result = await runCli(args, { cwd: dir, env });
      expect(result.stderr).toContain("warning SOURCE_MISSING: /no/such/file does not exist;");
      expect(result.stderr).not.toMatch(JAPANESE);
    }
    const bad = await runCli(["--lang", "fr", "status"], { cwd: dir, env });
    expect(bad.code).toBe(2);
  });

  it("takes JUNMAI_SYNC_LANG, then the config's language, then LC_ALL / LC_MESSAGES / LANG (empty = unset)", async () => {
    const { dir, env } = workspace({ LANG: "en_US.UTF-8" });
    const say = async (extra: NodeJS.ProcessEnv, args: string[] = []) =>
      (await runCli([...args, "upload"], { cwd: dir, env: { ...env, ...extra } })).stderr;
    expect(await say({ JUNMAI_SYNC_LANG: "ja" })).toMatch(/^エラー USAGE/);
    expect(await say({ LC_ALL: "ja_JP.UTF-8" })).toMatch(/^エラー USAGE/);
    expect(await say({ LC_ALL: "", LC_MESSAGES: "ja_JP.UTF-8" })).toMatch(/^エラー USAGE/);
    expect(await say({ JUNMAI_SYNC_LANG: "", LANG: "ja_JP.UTF-8" })).toMatch(/^エラー USAGE/);
    expect(await say({ LC_ALL: "C" })).toMatch(/^error USAGE/);
    const config = path.join(dir, "config.json");
    writeFileSync(
      config,
      JSON.stringify({ language: "ja", destinations: [{ name: "local", remote: "./out" }] }),
    );
    expect(await say({}, ["--config", config])).toMatch(/^エラー USAGE/);
    expect(await say({ JUNMAI_SYNC_LANG: "en" }, ["--config", config])).toMatch(/^error USAGE/);
  });

  it("status writes dates the Japanese way (2026/12/02 11:00) and lines up its labels", async () => {
    const { dir, env } = workspace({ LANG: "ja_JP.UTF-8" });
    writeRandomFile(path.join(dir, "結婚式"), "写真_桜.jpg", 1_000);
    const upload = await runCli(["upload", "結婚式", "--wait"], { cwd: dir, env });
    expect(upload.stdout).toContain("✓ 完了");
    expect(upload.stdout).toContain("local:結婚式/写真_桜.jpg");
    expect(upload.stdout).toMatch(/^バッチ 1: 完了 1、スキップ 0、失敗 0 — 1\.0 KB（\d+秒）$/m);
    const status = await runCli(["status"], { cwd: dir, env });
    expect(status.stdout).toMatch(/^ {2}#1 {2}\d{4}\/\d{2}\/\d{2} \d{2}:\d{2} {2}完了 {2}1\/1 件 送信済み/m);
    const english = await runCli(["--lang", "en", "status"], { cwd: dir, env });
    expect(english.stdout).toMatch(
      /^ {2}#1 {2}[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2} {2}completed {2}1\/1 delivered/m,
    );
  });

  it("--help is Japanese, wrapped between Japanese characters and aligned by display width", async () => {
    const { dir, env } = workspace({ LANG: "ja_JP.UTF-8" });
    const help = await runCli(["upload", "--help"], { cwd: dir, env });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^使い方: junmai-sync upload/m);
    expect(help.stdout).toContain("オプション:");
    expect(help.stdout).toContain("保存先の名前");
  });
});
