// Dates as the date fields show and read them: 2023/06/05 whatever the process locale (WebKitGTK formats
// <input type=date> by it: 06/05/2023 under en_US, and shows today greyed out when empty). The 令和 date beside
// a field is the backend's (no calendar here), and no clock is read here either: defaults come from the shell.

/** An ISO date (2023-06-05) as the date field shows it: 2023/06/05, whatever the process locale. */
export function slashDate(iso: string | null): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso ?? "");
  return m === null ? "" : `${m[1]}/${m[2]}/${m[3]}`;
}

/**
 * What was typed in the date field: empty (the date is not decided), an ISO date, or a problem to show. Takes
 * 2023/06/05, 2023/6/5, 2023-06-05, 2023.6.5, 2023年6月5日, full-width digits too; refuses a day that does not exist.
 * `what` names the field in the problem (開催日, 配付日 …).
 */
export function parseDateInput(text: string, what = "開催日"): { iso: string | null } | { problem: string } {
  const plain = text.trim().replace(/[０-９]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (plain === "") return { iso: null };
  const m = /^(\d{4})\s*[/\-.年／－]\s*(\d{1,2})\s*[/\-.月／－]\s*(\d{1,2})\s*日?$/u.exec(plain);
  const problem = `${what}は 2023/06/05 のように西暦の年/月/日で入力してください（未定なら空欄）。`;
  if (m === null) return { problem };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return { problem: `${year}年${month}月${day}日という日はありません。` };
  }
  return { iso: `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
}
