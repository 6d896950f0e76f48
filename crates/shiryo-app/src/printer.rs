//! The operating system's print system: the list of printers and one job per file. On Linux and macOS that is
//! CUPS through its own commands (`lpstat -r`, `lpstat -e`, `lp`), found on PATH; on Windows the shell's PrintTo
//! verb through PowerShell. The rest of Shiryo sees only [`PrintSystem`], so the use case is the same on both and
//! tests run it against a real CUPS server.

use std::path::Path;

/// What went wrong talking to the print system.
#[derive(Debug, thiserror::Error)]
pub enum PrinterError {
    /// The OS has no printer at all.
    #[error("the print system lists no printer")]
    NoPrinters,
    /// The printer asked for is not among those the OS lists.
    #[error("no printer named {name:?} (available: {available:?})")]
    UnknownPrinter { name: String, available: Vec<String> },
    /// The print service (the CUPS scheduler, the Windows spooler) does not answer.
    #[error("the print service is not running: {detail}")]
    ServiceDown { detail: String },
    /// The print command itself is not installed.
    #[error("cannot run {program}: {source}")]
    ToolMissing { program: &'static str, source: std::io::Error },
    /// The print system refused a job.
    #[error("{program} refused the job for {printer}: {detail}")]
    Refused { program: &'static str, printer: String, detail: String },
}

/// One job: a PDF file to a printer, `copies` times (collated), on both sides of the sheet or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintJob<'a> {
    pub printer: &'a str,
    pub file: &'a Path,
    /// The job's name in the printer queue.
    pub title: &'a str,
    pub copies: u32,
    pub duplex: bool,
}

/// A print system: lists its printers and accepts jobs.
pub trait PrintSystem {
    /// The printers the OS offers, by name.
    fn printers(&self) -> Result<Vec<String>, PrinterError>;
    /// Sends one job; the job id when the system gives one (CUPS: `ShiryoPDF-12`).
    fn submit(&self, job: &PrintJob<'_>) -> Result<Option<String>, PrinterError>;
}

/// The print system of the machine Shiryo runs on.
pub fn system() -> Box<dyn PrintSystem + Send + Sync> {
    #[cfg(unix)]
    {
        Box::new(cups::Cups)
    }
    #[cfg(windows)]
    {
        Box::new(windows::WindowsShell)
    }
}

/// The `lp` arguments of a job (CUPS): `-d` printer, `-n` copies, `-o collate=true`, `-o sides=…`, `-t` title.
pub fn lp_args(job: &PrintJob<'_>) -> Vec<std::ffi::OsString> {
    let sides = if job.duplex { "sides=two-sided-long-edge" } else { "sides=one-sided" };
    let mut args: Vec<std::ffi::OsString> =
        ["-d", job.printer, "-n", &job.copies.max(1).to_string()].into_iter().map(Into::into).collect();
    for a in ["-o", "collate=true", "-o", sides, "-t", job.title, "--"] {
        args.push(a.into());
    }
    args.push(job.file.as_os_str().to_owned());
    args
}

/// The job id in `lp`'s answer `request id is ShiryoPDF-12 (1 file(s))`.
pub fn lp_job_id(stdout: &str) -> Option<String> {
    let rest = stdout.split("request id is ").nth(1)?;
    rest.split_whitespace().next().map(str::to_string)
}

/// A PowerShell string literal: single quotes, inner ones doubled (nothing else is special inside).
#[cfg(any(windows, test))]
fn ps_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// The PowerShell script that sends `file` to `printer` through the shell's PrintTo verb (the program registered
/// for PDF files prints it), waiting for that program to finish handing it to the spooler.
#[cfg(any(windows, test))]
pub fn windows_print_script(printer: &str, file: &Path) -> String {
    let printer_arg = format!("\"{printer}\"");
    format!(
        "$ErrorActionPreference = 'Stop'; Start-Process -FilePath {} -Verb PrintTo -ArgumentList {} -WindowStyle Hidden -Wait",
        ps_quote(&file.display().to_string()),
        ps_quote(&printer_arg)
    )
}

/// The trimmed, non-empty lines of a program's output (the printer lists of `lpstat -e` and PowerShell).
#[cfg(any(unix, windows))]
fn non_empty_lines(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes).lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

#[cfg(unix)]
mod cups {
    use std::process::{Command, Output};

    use super::{lp_args, lp_job_id, non_empty_lines, PrintJob, PrintSystem, PrinterError};

    /// CUPS through `lpstat` and `lp` (found on PATH; CUPS_SERVER chooses the server as for any CUPS client).
    pub struct Cups;

    fn run(program: &'static str, args: &[std::ffi::OsString]) -> Result<Output, PrinterError> {
        // Messages in English whatever the user's locale, since they are read here.
        Command::new(program)
            .args(args)
            .env("LC_ALL", "C")
            .env("LANG", "C")
            .output()
            .map_err(|source| PrinterError::ToolMissing { program, source })
    }

    fn text(bytes: &[u8]) -> String {
        String::from_utf8_lossy(bytes).trim().to_string()
    }

    /// `lpstat -r` answers "scheduler is running" or "scheduler is not running" (exit 0 either way).
    fn check_scheduler() -> Result<(), PrinterError> {
        let out = run("lpstat", &["-r".into()])?;
        let said = format!("{} {}", text(&out.stdout), text(&out.stderr));
        if said.contains("not running") || !said.contains("running") {
            return Err(PrinterError::ServiceDown { detail: said.trim().to_string() });
        }
        Ok(())
    }

    impl PrintSystem for Cups {
        fn printers(&self) -> Result<Vec<String>, PrinterError> {
            check_scheduler()?;
            let out = run("lpstat", &["-e".into()])?;
            let stderr = text(&out.stderr);
            if !out.status.success() && !stderr.contains("No destinations") {
                return Err(PrinterError::ServiceDown { detail: stderr });
            }
            Ok(non_empty_lines(&out.stdout))
        }

        fn submit(&self, job: &PrintJob<'_>) -> Result<Option<String>, PrinterError> {
            let out = run("lp", &lp_args(job))?;
            let stdout = text(&out.stdout);
            if !out.status.success() {
                let detail = text(&out.stderr);
                if detail.contains("not running") || detail.contains("Unable to connect") {
                    return Err(PrinterError::ServiceDown { detail });
                }
                return Err(PrinterError::Refused { program: "lp", printer: job.printer.to_string(), detail });
            }
            Ok(lp_job_id(&stdout))
        }
    }
}

#[cfg(windows)]
mod windows {
    use std::process::Command;

    use super::{non_empty_lines, windows_print_script, PrintJob, PrintSystem, PrinterError};

    /// Windows: printers from WMI (`Win32_Printer`), jobs through the shell's PrintTo verb, both via PowerShell,
    /// which every supported Windows has. The verb gives no job id and no copy count or duplex switch: copies
    /// are sent as that many jobs, and 両面 is the printer's own setting (see docs/printing.md).
    pub struct WindowsShell;

    fn powershell(script: &str) -> Result<std::process::Output, PrinterError> {
        let script = format!("[Console]::OutputEncoding = [Text.Encoding]::UTF8; {script}");
        Command::new("powershell.exe")
            .args(["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-Command", &script])
            .output()
            .map_err(|source| PrinterError::ToolMissing { program: "powershell.exe", source })
    }

    impl PrintSystem for WindowsShell {
        fn printers(&self) -> Result<Vec<String>, PrinterError> {
            let out = powershell("Get-CimInstance -ClassName Win32_Printer | ForEach-Object { $_.Name }")?;
            if !out.status.success() {
                return Err(PrinterError::ServiceDown {
                    detail: String::from_utf8_lossy(&out.stderr).trim().to_string(),
                });
            }
            Ok(non_empty_lines(&out.stdout))
        }

        fn submit(&self, job: &PrintJob<'_>) -> Result<Option<String>, PrinterError> {
            for _ in 0..job.copies.max(1) {
                let out = powershell(&windows_print_script(job.printer, job.file))?;
                if !out.status.success() {
                    return Err(PrinterError::Refused {
                        program: "PrintTo",
                        printer: job.printer.to_string(),
                        detail: String::from_utf8_lossy(&out.stderr).trim().to_string(),
                    });
                }
            }
            Ok(None)
        }
    }
}

/// Checks `name` against the printers the OS lists.
pub fn check_printer(system: &dyn PrintSystem, name: &str) -> Result<(), PrinterError> {
    let available = system.printers()?;
    if available.is_empty() {
        return Err(PrinterError::NoPrinters);
    }
    if !available.iter().any(|p| p == name) {
        return Err(PrinterError::UnknownPrinter { name: name.to_string(), available });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lp_gets_copies_collation_and_sides_before_the_file() {
        let job = PrintJob {
            printer: "Office",
            file: Path::new("資料１－１.pdf"),
            title: "資料１－１",
            copies: 30,
            duplex: true,
        };
        let args: Vec<String> = lp_args(&job).into_iter().map(|a| a.to_string_lossy().into_owned()).collect();
        assert_eq!(
            args,
            [
                "-d",
                "Office",
                "-n",
                "30",
                "-o",
                "collate=true",
                "-o",
                "sides=two-sided-long-edge",
                "-t",
                "資料１－１",
                "--",
                "資料１－１.pdf"
            ]
        );
        let simplex = PrintJob { duplex: false, copies: 0, ..job };
        let args: Vec<String> = lp_args(&simplex).into_iter().map(|a| a.to_string_lossy().into_owned()).collect();
        assert!(args.contains(&"sides=one-sided".to_string()) && args[3] == "1", "{args:?}");
    }

    #[test]
    fn the_job_id_is_read_from_lps_answer() {
        assert_eq!(lp_job_id("request id is ShiryoPDF-12 (1 file(s))\n").as_deref(), Some("ShiryoPDF-12"));
        assert_eq!(lp_job_id(""), None);
    }

    #[test]
    fn the_windows_script_quotes_the_file_and_printer() {
        let script = windows_print_script("Canon 'A3'", Path::new(r"C:\Users\o'neil\資料.pdf"));
        assert!(script.contains(r"-FilePath 'C:\Users\o''neil\資料.pdf'"), "{script}");
        assert!(script.contains(r#"-ArgumentList '"Canon ''A3''"'"#), "{script}");
        assert!(script.contains("-Verb PrintTo"), "{script}");
    }
}
